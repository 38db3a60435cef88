package dev.switchboard.store.directory;

import dev.switchboard.store.tenant.TenantStatus;

/** A tenant as the SIP directory loads it: its domain, status and routing mode wire name. */
public record TenantEntry(String domain, TenantStatus status, String routingMode) {}
