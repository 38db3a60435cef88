package dev.switchboard.console.billing;

import dev.switchboard.console.ApiError;
import dev.switchboard.ops.billing.BillingImport;

/**
 * The state of one billing CSV import, as {@code GET /api/v1/billing/import/{id}} shows it.
 *
 * @param state {@code running}, {@code done} (see {@code report.committed}) or {@code failed}
 */
record BillingImportJob(
    String id,
    String state,
    int processed,
    int total,
    BillingImport.Report report,
    ApiError error) {}
