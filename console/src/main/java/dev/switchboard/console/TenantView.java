package dev.switchboard.console;

import dev.switchboard.store.tenant.Tenant;
import java.time.Instant;

/** A tenant as the API shows it. */
record TenantView(
    String name,
    String domain,
    String status,
    String industry,
    String timeZone,
    Instant createdAt,
    String routingMode) {

  static TenantView of(Tenant t) {
    return new TenantView(
        t.name(),
        t.domain(),
        t.status().wireName(),
        t.industry(),
        t.timeZone().getId(),
        t.createdAt(),
        t.routingMode().wireName());
  }
}
