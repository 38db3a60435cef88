package dev.switchboard.store.tenant;

import dev.switchboard.store.InvalidValueException;
import java.util.Locale;

/** Where a tenant stands commercially; only trial and active tenants get telephony service. */
public enum TenantStatus {
  TRIAL,
  ACTIVE,
  SUSPENDED,
  CANCELLED;

  /** True when the tenant's extensions may register and call. */
  public boolean allowsService() {
    return this == TRIAL || this == ACTIVE;
  }

  /** The lower-case name used in JSON and in the database. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TenantStatus parse(String text) {
    if (text != null) {
      for (TenantStatus s : values()) {
        if (s.wireName().equalsIgnoreCase(text.trim())) {
          return s;
        }
      }
    }
    throw new InvalidValueException(
        "status", "status must be one of trial, active, suspended, cancelled");
  }
}
