package dev.switchboard.ops.success;

import dev.switchboard.ops.customer.WeekSignals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The health score as a pure function: a tenant's recent weeks of usage and its business signals,
 * weighed by a {@link HealthModel}, give 0–100 and a band; the same function over earlier weeks
 * gives the trend, and per-signal points against the week before say what moved it.
 */
public final class HealthScore {

  private HealthScore() {}

  /** The score as of the last week of {@code input}. */
  public static HealthResult score(HealthModel model, HealthInput input) {
    Map<HealthSignal, Double> fractions = fractions(model, input);
    double totalWeight = 0;
    for (HealthSignal s : fractions.keySet()) {
      totalWeight += model.weights().get(s);
    }
    Map<HealthSignal, Double> points = new EnumMap<>(HealthSignal.class);
    double sum = 0;
    for (Map.Entry<HealthSignal, Double> e : fractions.entrySet()) {
      double p =
          totalWeight == 0
              ? 0
              : 100.0 * model.weights().get(e.getKey()) * e.getValue() / totalWeight;
      points.put(e.getKey(), round2(p));
      sum += p;
    }
    int score = BigDecimal.valueOf(sum).setScale(0, RoundingMode.HALF_UP).intValue();
    score = Math.max(0, Math.min(100, score));
    return new HealthResult(score, model.band(score), points);
  }

  /**
   * Each signal with data read as a fraction 0..1 of healthy. Usage signals average the model's
   * window of most recent weeks; a tenant with no usage weeks reads 0 on every usage signal.
   */
  public static Map<HealthSignal, Double> fractions(HealthModel model, HealthInput input) {
    Map<HealthSignal, Double> f = new EnumMap<>(HealthSignal.class);
    List<WeekSignals> all = input.weeks();
    List<WeekSignals> w = all.subList(Math.max(0, all.size() - model.windowWeeks()), all.size());
    int n = w.size();
    double registration = 0;
    double days = 0;
    double features = 0;
    double logins = 0;
    long calls = 0;
    long minutes = 0;
    long seatWeeks = 0;
    for (WeekSignals s : w) {
      registration += s.seats() == 0 ? 0 : Math.min(1.0, (double) s.registeredSeats() / s.seats());
      days += s.activeDays();
      features += Integer.bitCount(s.featuresUsed() & 63);
      logins += s.consoleLogins();
      calls += s.calls();
      minutes += s.minutes();
      seatWeeks += s.seats();
    }
    f.put(HealthSignal.REGISTRATION, n == 0 ? 0 : registration / n);
    f.put(
        HealthSignal.ACTIVE_DAYS,
        n == 0 ? 0 : cap(days / n / full(model, HealthSignal.ACTIVE_DAYS)));
    f.put(
        HealthSignal.CALLS,
        seatWeeks == 0 ? 0 : cap((double) calls / seatWeeks / full(model, HealthSignal.CALLS)));
    f.put(
        HealthSignal.MINUTES,
        seatWeeks == 0 ? 0 : cap((double) minutes / seatWeeks / full(model, HealthSignal.MINUTES)));
    f.put(
        HealthSignal.FEATURES, n == 0 ? 0 : cap(features / n / full(model, HealthSignal.FEATURES)));
    f.put(
        HealthSignal.CONSOLE_LOGINS,
        n == 0 ? 0 : cap(logins / n / full(model, HealthSignal.CONSOLE_LOGINS)));
    f.put(
        HealthSignal.SEATS_TREND,
        n == 0 ? 0 : seatsTrend(model, w.get(0).seats(), w.get(n - 1).seats()));
    if (input.onTimeShare() != null) {
      f.put(HealthSignal.PAYMENT, cap(input.onTimeShare() / full(model, HealthSignal.PAYMENT)));
    }
    f.put(
        HealthSignal.COMPLAINTS,
        cap(Math.max(0, 1 - input.openComplaints() / full(model, HealthSignal.COMPLAINTS))));
    List<Double> satisfaction = new ArrayList<>();
    if (input.nps() != null) {
      satisfaction.add(cap(input.nps() / 10.0));
    }
    if (input.csat() != null) {
      satisfaction.add(cap(Math.max(0, input.csat() - 1) / 4.0));
    }
    if (!satisfaction.isEmpty()) {
      double mean = satisfaction.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      f.put(HealthSignal.SATISFACTION, cap(mean / full(model, HealthSignal.SATISFACTION)));
    }
    return f;
  }

  /** Flat or growing seats are full; a loss of {@code fullAt} (a share) or more reads 0. */
  private static double seatsTrend(HealthModel model, int first, int last) {
    if (first <= 0 || last >= first) {
      return 1;
    }
    double loss = (double) (first - last) / first;
    return cap(Math.max(0, 1 - loss / full(model, HealthSignal.SEATS_TREND)));
  }

  /**
   * The score at each of the last {@code weeks} weeks of {@code input} (oldest first), each from
   * the usage up to that week; business signals are those of the input throughout.
   */
  public static List<WeekScore> trend(HealthModel model, HealthInput input, int weeks) {
    List<WeekScore> out = new ArrayList<>();
    int size = input.weeks().size();
    for (int end = Math.max(1, size - weeks + 1); end <= size; end++) {
      HealthInput prefix =
          new HealthInput(
              input.weeks().subList(0, end),
              input.onTimeShare(),
              input.openComplaints(),
              input.nps(),
              input.csat());
      out.add(new WeekScore(input.weeks().get(end - 1).weekStart(), score(model, prefix).score()));
    }
    return out;
  }

  /** A week and its score. */
  public record WeekScore(LocalDate weekStart, int score) {}

  /**
   * What moved the score from {@code before} to {@code now}: every signal in either, largest change
   * first. A signal without data in one of them counts 0 points there.
   */
  public static List<HealthMovement> movements(HealthResult before, HealthResult now) {
    Set<HealthSignal> signals = EnumSet.noneOf(HealthSignal.class);
    signals.addAll(before.points().keySet());
    signals.addAll(now.points().keySet());
    List<HealthMovement> out = new ArrayList<>();
    for (HealthSignal s : signals) {
      out.add(
          new HealthMovement(
              s, before.points().getOrDefault(s, 0.0), now.points().getOrDefault(s, 0.0)));
    }
    out.sort(
        Comparator.comparingDouble((HealthMovement m) -> -Math.abs(m.delta()))
            .thenComparing(HealthMovement::signal));
    return out;
  }

  /** What moved the score of {@code input}'s last week against the week before it. */
  public static List<HealthMovement> movements(HealthModel model, HealthInput input) {
    return movements(score(model, input.weekBefore()), score(model, input));
  }

  private static double full(HealthModel model, HealthSignal s) {
    return model.fullAt().get(s);
  }

  private static double cap(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private static double round2(double v) {
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
  }
}
