package dev.switchboard.console;

import dev.switchboard.store.account.AccountImport;

/**
 * The state of one asynchronous account import, as {@code GET …/accounts/import/{id}} shows it.
 *
 * @param state {@code running}, {@code done} or {@code failed}
 * @param report the outcome once done, else null
 * @param error why it failed, else null
 */
record ImportJob(
    String id,
    String domain,
    String state,
    int processed,
    int total,
    AccountImport.Report report,
    ApiError error) {}
