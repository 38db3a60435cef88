package dev.switchboard.ops.churn;

import java.time.LocalDate;

/**
 * A subscription term end: the customer renewed or churned there. The training example of the churn
 * model; features come only from weeks that ended before {@code on}.
 */
public record DecisionPoint(CustomerHistory customer, LocalDate on, boolean churned) {}
