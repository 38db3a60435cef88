/**
 * Billing: the price book, subscriptions with their dated history, invoices, payments, refunds and
 * credit notes, and the revenue history the metrics read. Rules are written in docs/billing.md.
 */
package dev.switchboard.ops.billing;
