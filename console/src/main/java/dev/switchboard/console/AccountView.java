package dev.switchboard.console;

import dev.switchboard.store.account.Account;
import dev.switchboard.store.account.AccountOptions;
import java.time.Instant;

/** An account as the API shows it: never a password, never an HA1. */
record AccountView(
    String user, String displayName, boolean enabled, AccountOptions options, Instant createdAt) {

  static AccountView of(Account a) {
    return new AccountView(a.user(), a.displayName(), a.enabled(), a.options(), a.createdAt());
  }
}
