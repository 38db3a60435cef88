/**
 * Customer success: weekly usage rollup from the SIP tables, health scores, service cases, the help
 * center, tiers, surveys, renewals, feedback to product and each customer's journey.
 */
package dev.switchboard.ops.success;
