package dev.switchboard.console.metrics;

import dev.switchboard.console.http.QueryString;
import dev.switchboard.ops.metrics.Grouping;
import dev.switchboard.store.InvalidValueException;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Set;

/** The query string of a metrics request, read strictly: unknown or bad values are a 400. */
final class MetricsParams {

  /** The longest window one request may ask for. */
  static final int MAX_MONTHS = 120;

  private final QueryString q;

  private MetricsParams(QueryString q) {
    this.q = q;
  }

  static MetricsParams of(Context ctx, Set<String> allowed) {
    return new MetricsParams(QueryString.of(ctx, allowed));
  }

  private String text(String name) {
    return q.text(name);
  }

  /** {@code asOf} (a date, not after today), or today. */
  LocalDate asOf(LocalDate today) {
    LocalDate day = q.date("asOf", today);
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
    return q.month(name, otherwise);
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
    return q.integer(name, otherwise, min, max);
  }

  /** A window of whole months, both ends included. */
  record Window(YearMonth from, YearMonth to) {}
}
