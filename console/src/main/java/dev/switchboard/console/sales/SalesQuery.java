package dev.switchboard.console.sales;

import dev.switchboard.ops.sales.Period;
import dev.switchboard.store.InvalidValueException;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The query string of a sales listing, read strictly; {@code format=csv} asks for CSV. */
final class SalesQuery {

  private final Context ctx;

  private SalesQuery(Context ctx) {
    this.ctx = ctx;
  }

  static SalesQuery of(Context ctx, Set<String> allowed) {
    for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
      if (!allowed.contains(p.getKey()) && !p.getKey().equals("format")) {
        throw new InvalidValueException(p.getKey(), "unknown query parameter " + p.getKey());
      }
      if (p.getValue().size() > 1) {
        throw new InvalidValueException(p.getKey(), p.getKey() + " given more than once");
      }
    }
    String format = ctx.queryParam("format");
    if (format != null && !format.equals("csv") && !format.equals("json")) {
      throw new InvalidValueException("format", "format must be json or csv");
    }
    return new SalesQuery(ctx);
  }

  boolean csv() {
    return "csv".equals(ctx.queryParam("format"));
  }

  String text(String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  Boolean bool(String name) {
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

  LocalDate date(String name) {
    return parseDate(name, text(name));
  }

  /** from/to (both optional, days included); without them, all time up to today. */
  Period period(LocalDate today) {
    LocalDate from = date("from");
    LocalDate to = date("to");
    return new Period(from == null ? LocalDate.of(2000, 1, 1) : from, to == null ? today : to);
  }

  static LocalDate parseDate(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeException e) {
      throw new InvalidValueException(field, field + " must be a date like 2026-03-01");
    }
  }
}
