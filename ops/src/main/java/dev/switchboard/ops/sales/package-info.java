/**
 * Sales: reps and teams, opportunities through their stages to won, lost or refunded, the reps'
 * KPIs, referrals, and which kinds of customers close, refund and refer. Winning a deal creates the
 * tenant and its subscription through billing.
 */
package dev.switchboard.ops.sales;
