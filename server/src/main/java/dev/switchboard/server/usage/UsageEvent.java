package dev.switchboard.server.usage;

import java.time.Instant;

/**
 * What the SIP side tells the rest of the product about a tenant's usage: the seam between the
 * telephony half and customer success (ARCHITECTURE.md). Every event names its tenant's domain.
 */
public sealed interface UsageEvent permits RegistrationEvent, CallDetailRecord {
  String domain();

  Instant occurredAt();
}
