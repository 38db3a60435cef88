package dev.switchboard.ops.churn;

import java.time.LocalDate;
import java.util.List;

/**
 * The stand-in for the success department's health score until it is merged: the weighted
 * usage measures over the last four weeks, each mapped to 0–100 against a target, and weighted
 * (registered seats 30 %, active days 25 %, calls per seat 20 %, features 15 %, console logins 10
 * %). Risk is 100 minus the score.
 */
public final class UsageHealthBaseline implements ChurnBaseline {

  @Override
  public String name() {
    return "health_score";
  }

  /** The 0–100 health score from the last four complete weeks before {@code day}. */
  public static double health(CustomerHistory c, LocalDate day) {
    List<UsageWeek> weeks = UsageFeatures.weeksBefore(c, day);
    int n = Math.min(4, weeks.size());
    if (n == 0) {
      return 0;
    }
    double reg = 0;
    double days = 0;
    double calls = 0;
    double features = 0;
    double logins = 0;
    for (int i = 0; i < n; i++) {
      UsageWeek w = weeks.get(i);
      reg += w.registeredShare();
      days += w.activeDays();
      calls += w.callsPerSeat();
      features += w.featureCount();
      logins += w.consoleLogins();
    }
    return 100
        * (0.30 * cap(reg / n)
            + 0.25 * cap(days / n / 5.0)
            + 0.20 * cap(calls / n / 15.0)
            + 0.15 * cap(features / n / 4.0)
            + 0.10 * cap(logins / n / 2.0));
  }

  private static double cap(double v) {
    return Math.max(0, Math.min(1, v));
  }

  @Override
  public double risk(CustomerHistory c, LocalDate day) {
    return 100 - health(c, day);
  }
}
