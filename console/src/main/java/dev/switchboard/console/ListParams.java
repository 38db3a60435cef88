package dev.switchboard.console;

import dev.switchboard.store.InvalidValueException;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The query string of a paginated listing, read strictly: unknown or bad values are a 400. */
final class ListParams {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final Context ctx;

  private ListParams(Context ctx) {
    this.ctx = ctx;
  }

  static ListParams of(Context ctx, Set<String> allowed) {
    for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
      if (!allowed.contains(p.getKey())) {
        throw new InvalidValueException(p.getKey(), "unknown query parameter " + p.getKey());
      }
      if (p.getValue().size() > 1) {
        throw new InvalidValueException(p.getKey(), p.getKey() + " given more than once");
      }
    }
    return new ListParams(ctx);
  }

  String text(String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isEmpty() ? null : v;
  }

  int limit() {
    Integer v = integer("limit");
    if (v == null) {
      return DEFAULT_LIMIT;
    }
    if (v < 1 || v > MAX_LIMIT) {
      throw new InvalidValueException("limit", "limit must be 1 to " + MAX_LIMIT);
    }
    return v;
  }

  Integer integer(String name) {
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

  /**
   * An ISO-8601 instant or date-time with offset; a bare date means midnight UTC of that day, or of
   * the next day when {@code dateEndsDay} (so {@code to=2024-03-01} includes all of March 1st).
   */
  Instant instant(String name, boolean dateEndsDay) {
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
