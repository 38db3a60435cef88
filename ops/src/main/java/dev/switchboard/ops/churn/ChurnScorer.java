package dev.switchboard.ops.churn;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Scores every customer active on a day with a trained model: risk, revenue and top reasons. */
public final class ChurnScorer {

  /** Reasons kept per customer. */
  public static final int TOP_REASONS = 3;

  private ChurnScorer() {}

  /** Risks of the customers active on {@code day}, largest expected loss first. */
  public static List<CustomerRisk> score(
      ChurnModel model, List<CustomerHistory> customers, LocalDate day, RevenueBasis revenue) {
    List<CustomerRisk> out = new ArrayList<>();
    for (CustomerHistory c : customers) {
      if (!c.activeOn(day) || c.weeks().isEmpty()) {
        continue;
      }
      FeatureRow row = UsageFeatures.of(c, day);
      double risk = model.risk(row);
      BigDecimal monthly = revenue.monthly(c);
      out.add(
          new CustomerRisk(
              c.tenantId(),
              c.domain(),
              c.company(),
              risk,
              monthly,
              monthly.multiply(BigDecimal.valueOf(risk)).setScale(2, RoundingMode.HALF_UP),
              TermCalendar.nextTermEnd(c, day),
              model.reasons(row, TOP_REASONS)));
    }
    out.sort(
        Comparator.comparing(CustomerRisk::expectedLoss)
            .thenComparingDouble(CustomerRisk::risk)
            .reversed()
            .thenComparing(CustomerRisk::domain));
    return out;
  }
}
