package dev.switchboard.ops.churn;

/** A feature row with what happened: churned or not. */
public record LabelledRow(FeatureRow row, boolean churned) {}
