package dev.switchboard.console.success;

import dev.switchboard.store.InvalidValueException;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Query parameters read strictly: unknown, repeated or malformed values are a 400. */
final class Query {

  private final Context ctx;

  private Query(Context ctx) {
    this.ctx = ctx;
  }

  static Query of(Context ctx, Set<String> allowed) {
    for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
      if (!allowed.contains(p.getKey())) {
        throw new InvalidValueException(p.getKey(), "unknown query parameter " + p.getKey());
      }
      if (p.getValue().size() > 1) {
        throw new InvalidValueException(p.getKey(), p.getKey() + " given more than once");
      }
    }
    return new Query(ctx);
  }

  String text(String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  int integer(String name, int fallback, int min, int max) {
    String v = text(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new InvalidValueException(name, name + " must be " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidValueException(name, name + " must be an integer");
    }
  }

  LocalDate date(String name) {
    String v = text(name);
    return v == null ? null : Query.parseDate(name, v);
  }

  static LocalDate parseDate(String field, String v) {
    try {
      return LocalDate.parse(v);
    } catch (DateTimeException e) {
      throw new InvalidValueException(field, field + " must be a date like 2026-11-23");
    }
  }

  static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new InvalidValueException("id", "id must be a number");
    }
  }
}
