package dev.switchboard.ops.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.testing.OpenDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The funnel, costs and channel ranking against a fixture small enough to compute by hand; every
 * expected figure below is worked out in the comments from the leads and campaigns in {@link
 * #fixture()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FunnelContract {

  /** 2026-03-31 10:00 in Shanghai. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-31T02:00:00Z"), ZoneOffset.UTC);

  static final LocalDate FROM = LocalDate.of(2026, 1, 1);
  static final LocalDate TO = LocalDate.of(2026, 1, 31);
  private static final AtomicInteger PHONE = new AtomicInteger(10_000_000);

  OpenDatabase mdb;
  LeadRepository leads;
  FunnelQuery funnel;

  abstract String kind();

  @BeforeAll
  void fixture() {
    mdb = OpenDatabase.of(kind(), null);
    leads = new LeadRepository(mdb.db.jdbi(), CLOCK);
    funnel = new FunnelQuery(mdb.db.jdbi());
    CampaignRepository campaigns = new CampaignRepository(mdb.db.jdbi(), CLOCK);
    // W1: 31 days, all inside January → 3100.00 in the range.
    campaigns.create(campaign("w1", "website", "2026-01-01", "2026-01-31", "3100.00"));
    // T1: 30 days, 16 of them (Jan 16-31) in the range → 6000 × 16 / 30 = 3200.00.
    campaigns.create(campaign("t1", "trade_show", "2026-01-16", "2026-02-14", "6000.00"));

    // Website, all created Jan 5. Days to valid 1,2,3,4 (median 2.5); valid→trial 2,6 (4);
    // trial→opportunity 10,20 (15); opportunity→won 30 (30).
    long l1 = lead("w1", null, "2026-01-05");
    path(l1, "2026-01-06", "2026-01-08", "2026-01-18", "2026-02-17");
    long l2 = lead("w1", null, "2026-01-05");
    path(l2, "2026-01-07", "2026-01-13", "2026-02-02", null);
    leads.advance(l2, LeadStatus.LOST, LocalDate.parse("2026-02-10"), "t", null, "price");
    path(lead("w1", null, "2026-01-05"), "2026-01-08", null, null, null);
    path(lead("w1", null, "2026-01-05"), "2026-01-09", null, null, null);
    for (int i = 0; i < 6; i++) {
      lead("w1", null, "2026-01-05");
    }
    // Trade show, all created Jan 20. Valid after 1,1,4 (1); trial after 1,1,1 (1);
    // opportunity after 1,1 (1); won after 1,3 (2).
    path(lead("t1", null, "2026-01-20"), "2026-01-21", "2026-01-22", "2026-01-23", "2026-01-24");
    path(lead("t1", null, "2026-01-20"), "2026-01-21", "2026-01-22", "2026-01-23", "2026-01-26");
    path(lead("t1", null, "2026-01-20"), "2026-01-24", "2026-01-25", null, null);
    // Referral, no cost: won straight away on Jan 20 (earlier stages implied that day).
    leads.advance(
        lead(null, "referral", "2026-01-10"),
        LeadStatus.WON,
        LocalDate.parse("2026-01-20"),
        "t",
        null);
    // Door-to-door, no campaign: one lead that went nowhere.
    lead(null, "door_to_door", "2026-01-12");
    // Not counted: created after the range, and a tombstone merged into l1.
    lead(null, "website", "2026-02-05");
    leads.merge(l1, lead(null, "website", "2026-01-06"), "t");
  }

  @AfterAll
  void close() {
    if (mdb != null) {
      mdb.close();
    }
  }

  private static Campaign campaign(
      String code, String channel, String from, String to, String cost) {
    return new Campaign(
        code,
        code,
        channel,
        LocalDate.parse(from),
        LocalDate.parse(to),
        null,
        null,
        new BigDecimal(cost),
        new BigDecimal(cost),
        null,
        null,
        null);
  }

  private long lead(String campaign, String channel, String created) {
    return leads
        .create(
            new LeadDraft(
                "Lead",
                "139" + PHONE.incrementAndGet(),
                null,
                null,
                null,
                null,
                null,
                channel,
                campaign,
                null,
                null,
                null,
                LocalDate.parse(created)),
            "t")
        .id();
  }

  private void path(long id, String valid, String trial, String opp, String won) {
    String[] days = {valid, trial, opp, won};
    LeadStatus[] to = {LeadStatus.VALID, LeadStatus.TRIAL, LeadStatus.OPPORTUNITY, LeadStatus.WON};
    for (int i = 0; i < days.length && days[i] != null; i++) {
      leads.advance(id, to[i], LocalDate.parse(days[i]), "t", null);
    }
  }

  private static FunnelRow row(List<FunnelRow> rows, String key) {
    return rows.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
  }

  private static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  @Test
  void websiteFunnelRatesCostsAndMedians() {
    FunnelRow w = row(funnel.byChannel(FROM, TO), "website");
    assertThat(List.of(w.leads(), w.valid(), w.trial(), w.opportunity(), w.won()))
        .containsExactly(10L, 4L, 2L, 2L, 1L);
    assertThat(w.validRate()).isEqualTo(d("0.4000"));
    assertThat(w.trialRate()).isEqualTo(d("0.5000"));
    assertThat(w.opportunityRate()).isEqualTo(d("1.0000"));
    assertThat(w.winRate()).isEqualTo(d("0.5000"));
    assertThat(w.leadToWonRate()).isEqualTo(d("0.1000"));
    assertThat(w.cost()).isEqualTo(d("3100.00"));
    assertThat(w.costPerLead()).isEqualTo(d("310.00"));
    assertThat(w.costPerValid()).isEqualTo(d("775.00"));
    assertThat(w.costPerWon()).isEqualTo(d("3100.00"));
    assertThat(
            List.of(
                w.medianDaysToValid(),
                w.medianDaysToTrial(),
                w.medianDaysToOpportunity(),
                w.medianDaysToWon()))
        .containsExactly(2.5, 4.0, 15.0, 30.0);
  }

  @Test
  void tradeShowCostIsProratedToTheDaysInTheRange() {
    FunnelRow t = row(funnel.byChannel(FROM, TO), "trade_show");
    assertThat(List.of(t.leads(), t.valid(), t.trial(), t.opportunity(), t.won()))
        .containsExactly(3L, 3L, 3L, 2L, 2L);
    assertThat(t.opportunityRate()).isEqualTo(d("0.6667"));
    assertThat(t.leadToWonRate()).isEqualTo(d("0.6667"));
    assertThat(t.cost()).isEqualTo(d("3200.00"));
    assertThat(t.costPerLead()).isEqualTo(d("1066.67"));
    assertThat(t.costPerWon()).isEqualTo(d("1600.00"));
    assertThat(
            List.of(
                t.medianDaysToValid(),
                t.medianDaysToTrial(),
                t.medianDaysToOpportunity(),
                t.medianDaysToWon()))
        .containsExactly(1.0, 1.0, 1.0, 2.0);
  }

  @Test
  void totalAndEmptyStages() {
    List<FunnelRow> rows = funnel.byChannel(FROM, TO);
    FunnelRow total = rows.get(rows.size() - 1);
    assertThat(total.key()).isEqualTo("total");
    // 10 website + 3 trade show + 1 referral + 1 door-to-door; the February lead and the
    // tombstone are not counted.
    assertThat(
            List.of(total.leads(), total.valid(), total.trial(), total.opportunity(), total.won()))
        .containsExactly(15L, 8L, 6L, 5L, 4L);
    assertThat(total.validRate()).isEqualTo(d("0.5333"));
    assertThat(total.trialRate()).isEqualTo(d("0.7500"));
    assertThat(total.opportunityRate()).isEqualTo(d("0.8333"));
    assertThat(total.winRate()).isEqualTo(d("0.8000"));
    assertThat(total.cost()).isEqualTo(d("6300.00"));
    assertThat(total.costPerLead()).isEqualTo(d("420.00"));
    assertThat(total.costPerValid()).isEqualTo(d("787.50"));
    assertThat(total.costPerWon()).isEqualTo(d("1575.00"));
    // Days to valid: 1,2,3,4 (website), 1,1,4 (trade show), 10 (referral) → 2.5.
    assertThat(total.medianDaysToValid()).isEqualTo(2.5);
    FunnelRow door = row(rows, "door_to_door");
    assertThat(door.validRate()).isEqualTo(d("0.0000"));
    assertThat(door.trialRate()).isNull();
    assertThat(door.costPerLead()).isEqualTo(d("0.00"));
    assertThat(door.costPerWon()).isNull();
    assertThat(door.medianDaysToValid()).isNull();
    assertThat(rows.subList(0, rows.size() - 1))
        .extracting(FunnelRow::key)
        .containsExactly("trade_show", "referral", "website", "door_to_door");
  }

  @Test
  void campaignFunnelUsesAllItsLeadsAndItsWholeCost() {
    FunnelRow t1 = funnel.campaign("t1");
    assertThat(t1.leads()).isEqualTo(3);
    assertThat(t1.cost()).isEqualTo(d("6000.00"));
    assertThat(t1.costPerLead()).isEqualTo(d("2000.00"));
    assertThat(t1.costPerWon()).isEqualTo(d("3000.00"));
    assertThat(funnel.byCampaign(FROM, TO))
        .extracting(FunnelRow::key, FunnelRow::cost)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("t1", d("3200.00")),
            org.assertj.core.groups.Tuple.tuple("w1", d("3100.00")));
  }

  @Test
  void paretoByWonCustomersAndCostWhenRevenueIsUnknown() {
    ChannelRanking ranking =
        new ChannelRanking(
            funnel, new ChannelRepository(mdb.db.jdbi(), CLOCK), (f, t) -> Optional.empty());
    List<ChannelRank> ranks = ranking.rank(FROM, TO);
    // Won 2, 1, 1, 0; referral before website on the tie because it cost 0 per won.
    assertThat(ranks)
        .extracting(ChannelRank::channel, ChannelRank::cumulativeShare, ChannelRank::advice)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("trade_show", d("0.5000"), ChannelAdvice.KEEP),
            org.assertj.core.groups.Tuple.tuple("referral", d("0.7500"), ChannelAdvice.GROW),
            org.assertj.core.groups.Tuple.tuple("website", d("1.0000"), ChannelAdvice.KEEP),
            org.assertj.core.groups.Tuple.tuple("door_to_door", d("1.0000"), ChannelAdvice.DROP));
    // Trade show: a vital channel whose 1600.00 per won is above the overall 1575.00 → keep.
    assertThat(ranks.get(0).costPerWon()).isEqualTo(d("1600.00"));
    assertThat(ranks.get(0).lifetimeRevenue()).isNull();
  }

  @Test
  void paretoBy收益度WhenRevenueIsKnown() {
    Map<String, BigDecimal> revenue =
        Map.of("trade_show", d("16000"), "referral", d("9000"), "website", d("2000"));
    ChannelRanking ranking =
        new ChannelRanking(
            funnel, new ChannelRepository(mdb.db.jdbi(), CLOCK), (f, t) -> Optional.of(revenue));
    List<ChannelRank> ranks = ranking.rank(FROM, TO);
    // Benchmark 27000 / 6300 = 4.3. Trade show 16000 / 3200 = 5.0 → grow; website
    // 2000 / 3100 = 0.6 (vital, so keep rather than drop); referral has no cost → grow.
    assertThat(ranks)
        .extracting(ChannelRank::channel, ChannelRank::yield, ChannelRank::advice)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("trade_show", d("5.0"), ChannelAdvice.GROW),
            org.assertj.core.groups.Tuple.tuple("referral", null, ChannelAdvice.GROW),
            org.assertj.core.groups.Tuple.tuple("website", d("0.6"), ChannelAdvice.KEEP),
            org.assertj.core.groups.Tuple.tuple("door_to_door", null, ChannelAdvice.DROP));
    assertThat(ranks.get(2).lifetimeRevenue()).isEqualTo(d("2000.00"));
  }
}
