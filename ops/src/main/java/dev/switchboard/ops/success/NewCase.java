package dev.switchboard.ops.success;

/** What staff (or a rule) give to open a case; priority null means normal. */
public record NewCase(
    String domain,
    CaseKind kind,
    String subject,
    String body,
    String contactName,
    String contactEmail,
    CasePriority priority,
    String ownerEmail) {}
