/**
 * SaaS metrics computed from revenue facts (MRR spans, receipts, term outcomes, customer profiles):
 * MRR, ARR and their movements, churn, retention, cohorts, unit economics and 收益度. Pure
 * computation; the definitions and rounding rules are in docs/metrics.md.
 */
package dev.switchboard.ops.metrics;
