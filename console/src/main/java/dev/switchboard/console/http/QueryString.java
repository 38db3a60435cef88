package dev.switchboard.console.http;

import dev.switchboard.store.InvalidValueException;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request's query string, read strictly: an unknown or repeated parameter, or a malformed value,
 * is a 400 naming the parameter. Blank values read as absent.
 */
public final class QueryString {

  /** How many items a page holds unless the client asks for another {@code limit}. */
  public static final int DEFAULT_LIMIT = 50;

  private final Context ctx;

  private QueryString(Context ctx) {
    this.ctx = ctx;
  }

  /** The query string of {@code ctx}, refusing parameters not in {@code allowed}. */
  public static QueryString of(Context ctx, Set<String> allowed) {
    check(ctx, allowed, false);
    return new QueryString(ctx);
  }

  /** As {@link #of}, also taking {@code format=json|csv} for listings that offer CSV. */
  public static QueryString listing(Context ctx, Set<String> allowed) {
    check(ctx, allowed, true);
    String format = ctx.queryParam("format");
    if (format != null && !format.equals("csv") && !format.equals("json")) {
      throw new InvalidValueException("format", "format must be json or csv");
    }
    return new QueryString(ctx);
  }

  private static void check(Context ctx, Set<String> allowed, boolean format) {
    for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
      String name = p.getKey();
      if (!allowed.contains(name) && !(format && name.equals("format"))) {
        throw new InvalidValueException(name, "unknown query parameter " + name);
      }
      if (p.getValue().size() > 1) {
        throw new InvalidValueException(name, name + " given more than once");
      }
    }
  }

  /** Whether {@code format=csv} was asked for. */
  public boolean csv() {
    return "csv".equals(ctx.queryParam("format"));
  }

  /** The trimmed value; null when absent or blank. */
  public String text(String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** The value, which must be present. */
  public String requiredText(String name) {
    String v = text(name);
    if (v == null) {
      throw new InvalidValueException(name, name + " is required");
    }
    return v;
  }

  /** An integer; null when absent. */
  public Integer integer(String name) {
    String v = text(name);
    if (v == null) {
      return null;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InvalidValueException(name, name + " must be an integer");
    }
  }

  /** An integer from {@code min} to {@code max}; {@code fallback} when absent. */
  public int integer(String name, int fallback, int min, int max) {
    Integer n = integer(name);
    if (n == null) {
      return fallback;
    }
    if (n < min || n > max) {
      throw new InvalidValueException(name, name + " must be " + min + " to " + max);
    }
    return n;
  }

  /** A page's {@code limit}: 1 to {@code max}, {@value #DEFAULT_LIMIT} when absent. */
  public int limit(int max) {
    return integer("limit", DEFAULT_LIMIT, 1, max);
  }

  /** {@code true} or {@code false}; null when absent. */
  public Boolean bool(String name) {
    String v = text(name);
    if (v == null) {
      return null;
    }
    return switch (v) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new InvalidValueException(name, name + " must be true or false");
    };
  }

  /** An ISO date (2026-03-01); null when absent. */
  public LocalDate date(String name) {
    return date(name, null);
  }

  /** An ISO date (2026-03-01); {@code fallback} when absent. */
  public LocalDate date(String name, LocalDate fallback) {
    String v = text(name);
    return v == null ? fallback : Dates.parse(name, v);
  }

  /** A month (2026-03); {@code fallback} when absent. */
  public YearMonth month(String name, YearMonth fallback) {
    String v = text(name);
    if (v == null) {
      return fallback;
    }
    try {
      return YearMonth.parse(v);
    } catch (DateTimeException e) {
      throw new InvalidValueException(name, name + " must be a month like 2026-03");
    }
  }

  /**
   * An ISO-8601 instant or date-time with offset; a bare date means midnight UTC of that day, or of
   * the next day when {@code dateEndsDay} (so {@code to=2024-03-01} includes all of March 1st).
   */
  public Instant instant(String name, boolean dateEndsDay) {
    String v = text(name);
    if (v == null) {
      return null;
    }
    try {
      if (v.length() == 10) {
        LocalDate day = LocalDate.parse(v);
        return (dateEndsDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeException e) {
      throw new InvalidValueException(
          name,
          name + " must be an ISO-8601 date (2024-03-01) or date-time (2024-03-01T09:00:00Z)");
    }
  }
}
