package dev.switchboard.ops.churn;

import java.time.Instant;
import java.time.LocalDate;

/** A training run as stored: when, which kind was chosen, on how much history, its evaluation. */
public record StoredModel(
    long id,
    Instant trainedAt,
    LocalDate asOf,
    String chosenKind,
    int decisionPoints,
    int churned,
    String revenueBasis,
    ChurnEvaluation evaluation) {}
