package dev.switchboard.ops.sales;

import static dev.switchboard.ops.sales.Deals.deal;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rep and team figure on a fixture computed by hand (see the comments per deal). */
class RepKpisTest {

  static final List<Rep> REPS =
      List.of(
          new Rep("a@x.test", "A", "north", true),
          new Rep("b@x.test", "B", "north", true),
          new Rep("c@x.test", "C", "south", true),
          new Rep("d@x.test", "D", "south", true));

  static final Period Q1 = new Period(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-03-31"));

  static final List<Opportunity> DEALS =
      List.of(
          // a: opened before Q1, won in it after 21 days
          deal(
              1,
              "a@x.test",
              "north",
              "website",
              "2025-12-20",
              "2026-01-10",
              Stage.WON,
              "3000.00",
              null,
              null,
              "one.test"),
          // a: won after 30 days
          deal(
              2,
              "a@x.test",
              "north",
              "website",
              "2026-01-05",
              "2026-02-04",
              Stage.WON,
              "5000.00",
              null,
              null,
              "two.test"),
          deal(
              3,
              "a@x.test",
              "north",
              "website",
              "2026-02-01",
              "2026-02-20",
              Stage.LOST,
              "4000.00",
              null,
              null,
              null),
          deal(
              4,
              "a@x.test",
              "north",
              "website",
              "2026-03-01",
              null,
              Stage.PROPOSAL,
              "6000.00",
              null,
              null,
              null),
          // a: won after 10 days, refunded 1500.00 of it in Q1
          deal(
              5,
              "a@x.test",
              "north",
              "search",
              "2026-01-01",
              "2026-01-11",
              Stage.REFUNDED,
              "2000.00",
              "2026-01-20",
              "1500.00",
              "five.test"),
          // b: opened in Q1, won after it (82 days)
          deal(
              6,
              "b@x.test",
              "north",
              "search",
              "2026-01-10",
              "2026-04-02",
              Stage.WON,
              "9000.00",
              null,
              null,
              "six.test"),
          deal(
              7,
              "b@x.test",
              "north",
              "referral",
              "2026-02-01",
              "2026-03-01",
              Stage.LOST,
              "1000.00",
              null,
              null,
              null),
          // c: won before Q1, refunded 800.00 in it
          deal(
              8,
              "c@x.test",
              "south",
              "search",
              "2025-11-01",
              "2025-12-30",
              Stage.REFUNDED,
              "1200.00",
              "2026-01-15",
              "800.00",
              "eight.test"),
          // c: won after 21 days on the last day of Q1
          deal(
              9,
              "c@x.test",
              "south",
              "website",
              "2026-03-10",
              "2026-03-31",
              Stage.WON,
              "1000.00",
              null,
              null,
              "nine.test"));

  @Test
  void perRepFiguresAndLeaderboardOrder() {
    List<RepScore> scores = RepKpis.perRep(REPS, DEALS, Q1);
    assertThat(scores)
        .extracting(RepScore::key)
        .containsExactly("a@x.test", "c@x.test", "b@x.test", "d@x.test");

    RepScore a = scores.get(0);
    assertThat(a.opened()).isEqualTo(4);
    assertThat(a.won()).isEqualTo(3);
    assertThat(a.lost()).isEqualTo(1);
    assertThat(a.wonAmount()).isEqualByComparingTo("10000.00");
    assertThat(a.dealsPerHead()).isEqualTo(new BigDecimal("3.00"));
    assertThat(a.averageOrderValue()).isEqualTo(new BigDecimal("3333.33"));
    assertThat(a.medianCycleDays()).isEqualTo(new BigDecimal("21.0"));
    assertThat(a.conversionRate()).isEqualTo(new BigDecimal("0.7500"));
    assertThat(a.refunds()).isEqualTo(1);
    assertThat(a.refundAmount()).isEqualTo(new BigDecimal("1500.00"));

    RepScore c = scores.get(1);
    assertThat(c.opened()).isEqualTo(1);
    assertThat(c.won()).isEqualTo(1);
    assertThat(c.averageOrderValue()).isEqualTo(new BigDecimal("1000.00"));
    assertThat(c.medianCycleDays()).isEqualTo(new BigDecimal("21.0"));
    assertThat(c.conversionRate()).isEqualTo(new BigDecimal("1.0000"));
    assertThat(c.refunds()).isEqualTo(1);
    assertThat(c.refundAmount()).isEqualTo(new BigDecimal("800.00"));

    RepScore b = scores.get(2);
    assertThat(b.opened()).isEqualTo(2);
    assertThat(b.won()).isZero();
    assertThat(b.lost()).isEqualTo(1);
    assertThat(b.averageOrderValue()).isNull();
    assertThat(b.medianCycleDays()).isNull();
    assertThat(b.conversionRate()).isEqualTo(new BigDecimal("0.0000"));

    RepScore d = scores.get(3);
    assertThat(d.opened()).isZero();
    assertThat(d.conversionRate()).isNull();
    assertThat(d.refundAmount()).isEqualTo(new BigDecimal("0.00"));
  }

  @Test
  void perTeamDividesWinsByActiveHeads() {
    List<Rep> reps =
        List.of(REPS.get(0), REPS.get(1), REPS.get(2), new Rep("d@x.test", "D", "south", false));
    List<RepScore> teams = RepKpis.perTeam(reps, DEALS, Q1);
    assertThat(teams).extracting(RepScore::key).containsExactly("north", "south");

    RepScore north = teams.get(0);
    assertThat(north.heads()).isEqualTo(2);
    assertThat(north.opened()).isEqualTo(6);
    assertThat(north.won()).isEqualTo(3);
    assertThat(north.lost()).isEqualTo(2);
    assertThat(north.dealsPerHead()).isEqualTo(new BigDecimal("1.50"));
    assertThat(north.averageOrderValue()).isEqualTo(new BigDecimal("3333.33"));
    assertThat(north.medianCycleDays()).isEqualTo(new BigDecimal("21.0"));
    assertThat(north.conversionRate()).isEqualTo(new BigDecimal("0.6000"));
    assertThat(north.refunds()).isEqualTo(1);

    RepScore south = teams.get(1);
    // d is inactive: one head left in the south.
    assertThat(south.heads()).isEqualTo(1);
    assertThat(south.won()).isEqualTo(1);
    assertThat(south.dealsPerHead()).isEqualTo(new BigDecimal("1.00"));
    assertThat(south.refundAmount()).isEqualTo(new BigDecimal("800.00"));
  }

  @Test
  void theWholeHistoryCountsEveryEvent() {
    RepScore a = RepKpis.perRep(REPS, DEALS, Period.always()).get(0);
    // b wins deal 6 too now: a (3 won, 10000) still leads b (1 won, 9000).
    assertThat(a.key()).isEqualTo("a@x.test");
    assertThat(a.opened()).isEqualTo(5);
    assertThat(a.won()).isEqualTo(3);
    RepScore b =
        RepKpis.perRep(REPS, DEALS, Period.always()).stream()
            .filter(s -> s.key().equals("b@x.test"))
            .findFirst()
            .orElseThrow();
    assertThat(b.won()).isEqualTo(1);
    assertThat(b.medianCycleDays()).isEqualTo(new BigDecimal("82.0"));
    assertThat(b.conversionRate()).isEqualTo(new BigDecimal("0.5000"));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Ratios.medianDays(List.of(30L, 4L, 21L, 10L))).isEqualTo(new BigDecimal("15.5"));
    assertThat(Ratios.medianDays(List.of(7L))).isEqualTo(new BigDecimal("7.0"));
    assertThat(Ratios.medianDays(List.of())).isNull();
    assertThat(Ratios.rate(1, 3)).isEqualTo(new BigDecimal("0.3333"));
    assertThat(Ratios.rate(2, 3)).isEqualTo(new BigDecimal("0.6667"));
  }
}
