package dev.switchboard.store.usage;

import java.time.Instant;

/** A registrar binding that has not expired yet, as the console lists it. */
public record ActiveBinding(
    long id, String aor, String contact, String transport, String userAgent, Instant expiresAt) {}
