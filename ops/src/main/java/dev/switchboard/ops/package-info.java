/**
 * The SaaS business that runs Switchboard: billing and metrics, marketing and sales, customer
 * success. Reads usage from the store's tables; never imports the SIP stack or the server.
 */
package dev.switchboard.ops;
