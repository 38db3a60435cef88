package dev.switchboard.ops.churn;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The churn model's features of a customer as of a day, from the weeks that ended before it: levels
 * over the last 4 and 12 weeks of each usage signal, their trends against the weeks before, seat
 * changes, size and tenure, and the channel, industry and size band as categories.
 */
public final class UsageFeatures {

  /** Weeks of usage a feature row looks back at (12 for levels, 12 more for the 12-week trend). */
  public static final int LOOKBACK_WEEKS = 24;

  /** The usage signals, each read from a week. */
  enum Signal {
    REGISTERED_SHARE("registered_share", UsageWeek::registeredShare),
    ACTIVE_DAYS("active_days", w -> w.activeDays()),
    CALLS_PER_SEAT("calls_per_seat", UsageWeek::callsPerSeat),
    MINUTES_PER_SEAT("minutes_per_seat", UsageWeek::minutesPerSeat),
    FEATURES_USED("features_used", w -> w.featureCount()),
    CONSOLE_LOGINS("console_logins", w -> w.consoleLogins()),
    /**
     * One engagement reading from the three signals that scale with it and not with the customer's
     * call habits: registered share, active days of six and features of 3.6 (what a fully engaged
     * customer uses on average), averaged so their noise partly cancels.
     */
    USAGE_INDEX(
        "usage_index",
        w -> (w.registeredShare() + w.activeDays() / 6.0 + w.featureCount() / 3.6) / 3);

    final String key;
    final ToDoubleFunction<UsageWeek> read;

    Signal(String key, ToDoubleFunction<UsageWeek> read) {
      this.key = key;
      this.read = read;
    }
  }

  private UsageFeatures() {}

  /**
   * Weeks of {@code c} complete before {@code day}, newest first, at most {@link #LOOKBACK_WEEKS}.
   */
  static List<UsageWeek> weeksBefore(CustomerHistory c, LocalDate day) {
    List<UsageWeek> out = new ArrayList<>();
    List<UsageWeek> all = c.weeks();
    for (int i = all.size() - 1; i >= 0 && out.size() < LOOKBACK_WEEKS; i--) {
      UsageWeek w = all.get(i);
      if (!w.weekStart().plusDays(7).isAfter(day)) {
        out.add(w);
      }
    }
    return out;
  }

  /** The feature row of {@code c} as of {@code day}. */
  public static FeatureRow of(CustomerHistory c, LocalDate day) {
    List<UsageWeek> recent = weeksBefore(c, day);
    Map<String, Double> num = new LinkedHashMap<>();
    for (Signal s : Signal.values()) {
      double l4 = mean(recent, 0, 4, s);
      double l12 = mean(recent, 0, 12, s);
      double prev4 = mean(recent, 4, 8, s);
      double prev12 = mean(recent, 12, 24, s);
      num.put(s.key + "_4w", l4);
      num.put(s.key + "_12w", l12);
      num.put(s.key + "_trend_4w", Double.isNaN(prev4) || Double.isNaN(l4) ? 0 : l4 - prev4);
      if (s == Signal.USAGE_INDEX) {
        // The fall from the quarter before the last month: a decline that starts weeks earlier.
        double before = mean(recent, 4, 18, s);
        num.put(
            s.key + "_drop",
            Double.isNaN(before) || Double.isNaN(l4) ? 0 : Math.max(0, before - l4));
      }
      num.put(s.key + "_trend_12w", Double.isNaN(prev12) || Double.isNaN(l12) ? 0 : l12 - prev12);
    }
    int seatsNow = recent.isEmpty() ? c.currentSeats() : recent.get(0).seats();
    int seatsThen = recent.size() > 11 ? recent.get(11).seats() : seatsNow;
    num.put("seats_log", Math.log(Math.max(1, seatsNow)));
    double calls4 = mean(recent, 0, 4, Signal.CALLS_PER_SEAT);
    double callsBefore = mean(recent, 4, 24, Signal.CALLS_PER_SEAT);
    // Calls relative to the customer's own habit: the habit (calls per seat) differs tenfold.
    num.put(
        "calls_vs_habit",
        Double.isNaN(calls4) || Double.isNaN(callsBefore)
            ? 0
            : Math.log((calls4 + 1) / (callsBefore + 1)));
    num.put("seat_change_12w", seatsThen <= 0 ? 0 : seatsNow / (double) seatsThen - 1);
    num.put(
        "tenure_months",
        c.acquiredOn() == null ? Double.NaN : ChronoUnit.DAYS.between(c.acquiredOn(), day) / 30.44);
    Map<String, String> cat = new LinkedHashMap<>();
    cat.put("channel", c.channel());
    cat.put("industry", c.industry());
    cat.put("size_band", c.sizeBand());
    return new FeatureRow(c.domain(), num, cat);
  }

  /**
   * Mean of a signal over the weeks {@code from} (inclusive) to {@code to}, newest first; NaN if
   * none.
   */
  private static double mean(List<UsageWeek> newestFirst, int from, int to, Signal s) {
    double sum = 0;
    int n = 0;
    for (int i = from; i < Math.min(to, newestFirst.size()); i++) {
      sum += s.read.applyAsDouble(newestFirst.get(i));
      n++;
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Labelled rows for decision points. */
  public static List<LabelledRow> rows(List<DecisionPoint> points) {
    List<LabelledRow> out = new ArrayList<>(points.size());
    for (DecisionPoint p : points) {
      out.add(new LabelledRow(of(p.customer(), p.on()), p.churned()));
    }
    return out;
  }
}
