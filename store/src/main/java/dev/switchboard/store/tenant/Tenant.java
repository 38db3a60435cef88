package dev.switchboard.store.tenant;

import dev.switchboard.store.InvalidValueException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A customer company: one SIP domain with its extensions.
 *
 * @param domain the tenant's SIP domain and digest realm, unique and lower case
 * @param createdAt when the tenant was created, in UTC, microsecond precision like the database
 * @param routingMode whether calls to the domain are proxied (default) or redirected
 */
public record Tenant(
    String domain,
    String name,
    TenantStatus status,
    String industry,
    ZoneId timeZone,
    Instant createdAt,
    RoutingMode routingMode) {

  /** UTC by its IANA name (not the offset "Z"), so it reads well in JSON and lists. */
  public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("UTC");

  public Tenant {
    domain = SipDomain.normalise(domain);
    name = requireText("name", name, 200);
    Objects.requireNonNull(status, "status");
    if (industry != null) {
      industry = industry.isBlank() ? null : requireText("industry", industry, 100);
    }
    timeZone = timeZone == null ? DEFAULT_TIME_ZONE : timeZone;
    createdAt = createdAt == null ? null : createdAt.truncatedTo(ChronoUnit.MICROS);
    routingMode = routingMode == null ? RoutingMode.PROXY : routingMode;
  }

  /** A tenant whose calls are proxied, the default routing mode. */
  public Tenant(
      String domain,
      String name,
      TenantStatus status,
      String industry,
      ZoneId timeZone,
      Instant createdAt) {
    this(domain, name, status, industry, timeZone, createdAt, RoutingMode.PROXY);
  }

  /** A new tenant on trial, created now. */
  public static Tenant create(String domain, String name) {
    return new Tenant(domain, name, TenantStatus.TRIAL, null, DEFAULT_TIME_ZONE, Instant.now());
  }

  public Tenant withName(String newName) {
    return new Tenant(domain, newName, status, industry, timeZone, createdAt, routingMode);
  }

  public Tenant withStatus(TenantStatus newStatus) {
    return new Tenant(domain, name, newStatus, industry, timeZone, createdAt, routingMode);
  }

  public Tenant withIndustry(String newIndustry) {
    return new Tenant(domain, name, status, newIndustry, timeZone, createdAt, routingMode);
  }

  public Tenant withTimeZone(ZoneId newTimeZone) {
    return new Tenant(domain, name, status, industry, newTimeZone, createdAt, routingMode);
  }

  public Tenant withRoutingMode(RoutingMode newMode) {
    return new Tenant(domain, name, status, industry, timeZone, createdAt, newMode);
  }

  /** Parses an IANA zone id such as {@code Europe/Berlin} (or {@code UTC}). */
  public static ZoneId parseTimeZone(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidValueException("timeZone", "timeZone must be an IANA zone id");
    }
    try {
      return ZoneId.of(text.trim());
    } catch (DateTimeException e) {
      throw new InvalidValueException("timeZone", "unknown time zone: " + text.trim());
    }
  }

  public static String requireText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException(field, field + " is required");
    }
    String v = value.trim();
    if (v.length() > max) {
      throw new InvalidValueException(field, field + " must be at most " + max + " characters");
    }
    if (v.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidValueException(field, field + " must not contain control characters");
    }
    return v;
  }
}
