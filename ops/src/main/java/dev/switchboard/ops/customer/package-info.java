/**
 * The customer: what every department shares about a customer tenant. Owns {@code customer_profile}
 * (origin, owner, tier) and {@code tenant_usage_week} (the weekly usage rolled up from the SIP
 * side's tables), and the one business calendar. Other departments read and write these only
 * through {@link dev.switchboard.ops.customer.CustomerProfiles}, {@link
 * dev.switchboard.ops.customer.UsageWeeks} and {@link dev.switchboard.ops.customer.UsageRollup}.
 */
package dev.switchboard.ops.customer;
