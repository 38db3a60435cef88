package dev.switchboard.ops.churn;

/**
 * Why a customer's risk is what it is, one feature at a time.
 *
 * @param feature the numeric feature name, or the categorical column
 * @param category for a categorical column, the customer's value; else null
 * @param value the customer's raw value of a numeric feature; NaN (sent as null) when missing or
 *     categorical
 * @param contribution how much this feature pushes the risk up (log-odds for logistic regression,
 *     risk points for trees)
 */
public record Reason(String feature, String category, Double value, double contribution) {}
