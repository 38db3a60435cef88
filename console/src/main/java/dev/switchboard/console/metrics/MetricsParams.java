package dev.switchboard.console.metrics;

import dev.switchboard.ops.metrics.Grouping;
import dev.switchboard.store.InvalidValueException;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The query string of a metrics request, read strictly: unknown or bad values are a 400. */
final class MetricsParams {

  /** The longest window one request may ask for. */
  static final int MAX_MONTHS = 120;

  private final Context ctx;

  private MetricsParams(Context ctx) {
    this.ctx = ctx;
  }

  static MetricsParams of(Context ctx, Set<String> allowed) {
    for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
      if (!allowed.contains(p.getKey())) {
        throw new InvalidValueException(p.getKey(), "unknown query parameter " + p.getKey());
      }
      if (p.getValue().size() > 1) {
        throw new InvalidValueException(p.getKey(), p.getKey() + " given more than once");
      }
    }
    return new MetricsParams(ctx);
  }

  private String text(String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** {@code asOf} (a date, not after today), or today. */
  LocalDate asOf(LocalDate today) {
    String v = text("asOf");
    if (v == null) {
      return today;
    }
    LocalDate day;
    try {
      day = LocalDate.parse(v);
    } catch (DateTimeException e) {
      throw new InvalidValueException("asOf", "asOf must be a date like 2025-03-31");
    }
    if (day.isAfter(today)) {
      throw new InvalidValueException("asOf", "asOf must not be after today (" + today + ")");
    }
    return day;
  }

  /** The month window {@code from}..{@code to}; by default the twelve months ending at asOf. */
  Window window(LocalDate asOf) {
    YearMonth last = YearMonth.from(asOf);
    YearMonth to = month("to", last);
    YearMonth from = month("from", to.minusMonths(11));
    if (to.isAfter(last)) {
      throw new InvalidValueException(
          "to", "to must not be after the month of asOf (" + last + ")");
    }
    if (from.isAfter(to)) {
      throw new InvalidValueException("from", "from must not be after to");
    }
    if (from.plusMonths(MAX_MONTHS).isBefore(to.plusMonths(1))) {
      throw new InvalidValueException("from", "a window holds at most " + MAX_MONTHS + " months");
    }
    return new Window(from, to);
  }

  private YearMonth month(String name, YearMonth otherwise) {
    String v = text(name);
    if (v == null) {
      return otherwise;
    }
    try {
      return YearMonth.parse(v);
    } catch (DateTimeException e) {
      throw new InvalidValueException(name, name + " must be a month like 2025-03");
    }
  }

  /** {@code groupBy}: tier, industry or channel; null when absent. */
  Grouping groupBy() {
    String v = text("groupBy");
    if (v == null) {
      return null;
    }
    try {
      return Grouping.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("groupBy", "groupBy must be tier, industry or channel");
    }
  }

  /** {@code grossMargin} as a fraction above 0 and at most 1. */
  BigDecimal grossMargin(BigDecimal otherwise) {
    String v = text("grossMargin");
    if (v == null) {
      return otherwise;
    }
    BigDecimal m;
    try {
      m = new BigDecimal(v);
    } catch (NumberFormatException e) {
      throw new InvalidValueException("grossMargin", "grossMargin must be a number like 0.8");
    }
    if (m.signum() <= 0 || m.compareTo(BigDecimal.ONE) > 0) {
      throw new InvalidValueException("grossMargin", "grossMargin must be above 0 and at most 1");
    }
    return m;
  }

  int integer(String name, int otherwise, int min, int max) {
    String v = text(name);
    if (v == null) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Falls through to the same message as an out-of-range number.
    }
    throw new InvalidValueException(name, name + " must be an integer from " + min + " to " + max);
  }

  /** A window of whole months, both ends included. */
  record Window(YearMonth from, YearMonth to) {}
}
