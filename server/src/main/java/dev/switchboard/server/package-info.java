/** What runs on the SIP stack: the SIP service, registrar, proxy, accounting. */
package dev.switchboard.server;
