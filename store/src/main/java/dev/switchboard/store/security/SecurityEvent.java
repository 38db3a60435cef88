package dev.switchboard.store.security;

import java.time.Instant;

/**
 * Something the SIP edge did to protect the service, as the console lists it.
 *
 * @param kind what happened, e.g. {@code flood-blocked}, {@code auth-pair-blocked}, {@code
 *     unblocked}, {@code overload-started}
 * @param source the sender's address, or null
 * @param subject the account concerned ({@code user@domain}), or null
 */
public record SecurityEvent(
    long id, Instant at, String kind, String source, String subject, String detail) {}
