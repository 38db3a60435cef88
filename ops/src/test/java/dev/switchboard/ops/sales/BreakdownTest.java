package dev.switchboard.ops.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The breakdown of the deals opened in Q1 of {@link RepKpisTest}'s fixture, by hand. */
class BreakdownTest {

  static final Map<String, Integer> REFERRALS =
      Map.of("two.test", 2, "nine.test", 1, "six.test", 3, "other.test", 5);

  @Test
  void byChannel() {
    List<Breakdown.Row> rows =
        Breakdown.of(RepKpisTest.DEALS, Breakdown.Dimension.CHANNEL, RepKpisTest.Q1, REFERRALS);
    assertThat(rows)
        .extracting(Breakdown.Row::key)
        .containsExactly("referral", "search", "website");

    Breakdown.Row referral = rows.get(0);
    assertThat(referral.opportunities()).isEqualTo(1);
    assertThat(referral.won()).isZero();
    assertThat(referral.lost()).isEqualTo(1);
    assertThat(referral.winRate()).isEqualTo(new BigDecimal("0.0000"));
    assertThat(referral.medianCycleDays()).isNull();
    assertThat(referral.refundRate()).isNull();
    assertThat(referral.referralsPerCustomer()).isNull();

    // deals 5 (won in 10 days, refunded) and 6 (won in 82 days; six.test referred 3)
    Breakdown.Row search = rows.get(1);
    assertThat(search.opportunities()).isEqualTo(2);
    assertThat(search.won()).isEqualTo(2);
    assertThat(search.winRate()).isEqualTo(new BigDecimal("1.0000"));
    assertThat(search.medianCycleDays()).isEqualTo(new BigDecimal("46.0"));
    assertThat(search.refunded()).isEqualTo(1);
    assertThat(search.refundRate()).isEqualTo(new BigDecimal("0.5000"));
    assertThat(search.wonAmount()).isEqualTo(new BigDecimal("11000.00"));
    assertThat(search.referrals()).isEqualTo(3);
    assertThat(search.referralsPerCustomer()).isEqualTo(new BigDecimal("1.50"));

    // deals 2 (won, 30 days), 3 (lost), 4 (open), 9 (won, 21 days); two.test 2 + nine.test 1
    Breakdown.Row website = rows.get(2);
    assertThat(website.opportunities()).isEqualTo(4);
    assertThat(website.won()).isEqualTo(2);
    assertThat(website.lost()).isEqualTo(1);
    assertThat(website.open()).isEqualTo(1);
    assertThat(website.winRate()).isEqualTo(new BigDecimal("0.6667"));
    assertThat(website.medianCycleDays()).isEqualTo(new BigDecimal("25.5"));
    assertThat(website.refundRate()).isEqualTo(new BigDecimal("0.0000"));
    assertThat(website.wonAmount()).isEqualTo(new BigDecimal("6000.00"));
    assertThat(website.referrals()).isEqualTo(3);
    assertThat(website.referralsPerCustomer()).isEqualTo(new BigDecimal("1.50"));
  }

  @Test
  void bySizeUsesTheSeatBands() {
    // Even ids have 4 seats (micro), odd ids 8 (small): Q1 deals 2, 4, 6 micro; 3, 5, 7, 9 small.
    List<Breakdown.Row> rows =
        Breakdown.of(RepKpisTest.DEALS, Breakdown.Dimension.SIZE, RepKpisTest.Q1, REFERRALS);
    assertThat(rows).extracting(Breakdown.Row::key).containsExactly("micro", "small");
    assertThat(rows.get(0).opportunities()).isEqualTo(3);
    assertThat(rows.get(0).won()).isEqualTo(2);
    assertThat(rows.get(0).medianCycleDays()).isEqualTo(new BigDecimal("56.0"));
    assertThat(rows.get(1).opportunities()).isEqualTo(4);
    assertThat(rows.get(1).won()).isEqualTo(2);
    assertThat(rows.get(1).winRate()).isEqualTo(new BigDecimal("0.5000"));
  }
}
