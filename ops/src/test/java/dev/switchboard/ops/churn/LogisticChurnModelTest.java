package dev.switchboard.ops.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The logistic model's own risk formula gives what Tribuo's model predicts for the same row. */
class LogisticChurnModelTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  /**
   * Sixty customers over two years: every third goes quiet in its last quarter and leaves at its
   * first anniversary, the others keep using the phones and renew.
   */
  static List<CustomerHistory> customers() {
    List<CustomerHistory> out = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      LocalDate acquired = LocalDate.of(2024, 9, 2).plusWeeks(i % 20);
      boolean leaves = i % 3 == 0;
      LocalDate churned = leaves ? acquired.plusYears(1) : null;
      LocalDate end = leaves ? churned : TODAY;
      List<UsageWeek> weeks = new ArrayList<>();
      for (LocalDate w = acquired; w.isBefore(end); w = w.plusWeeks(1)) {
        boolean quiet = leaves && w.isAfter(end.minusWeeks(13));
        int seats = 5 + i % 7;
        weeks.add(
            quiet
                ? new UsageWeek(w, seats, 1, 1, 3 + i % 4, 10, 0, 0b1)
                : new UsageWeek(w, seats, seats - 1, 5, 40 + i % 9, 180 + i, 1, 0b111));
      }
      out.add(
          new CustomerHistory(
              i + 1L,
              "c" + i + ".example",
              "C" + i,
              i % 2 == 0 ? "search" : "referral",
              "retail",
              "small",
              acquired,
              churned,
              weeks));
    }
    return out;
  }

  @Test
  void risksAreTribuosOwnPredictions() {
    List<LabelledRow> rows = UsageFeatures.rows(TermCalendar.decisionPoints(customers(), TODAY));
    assertThat(rows).hasSizeGreaterThan(40);
    LogisticChurnModel m = LogisticChurnModel.train(rows, 7L);
    for (LabelledRow r : rows.subList(0, 20)) {
      assertThat(m.risk(r.row())).isCloseTo(m.tribuoRisk(r.row()), within(1e-6));
    }
  }
}
