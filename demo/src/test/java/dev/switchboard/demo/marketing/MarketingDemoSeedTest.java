package dev.switchboard.demo.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.ops.marketing.Campaign;
import dev.switchboard.ops.marketing.CampaignRepository;
import dev.switchboard.ops.marketing.Competitor;
import dev.switchboard.ops.marketing.CompetitorRepository;
import dev.switchboard.ops.marketing.ContentItem;
import dev.switchboard.ops.marketing.ContentLibrary;
import dev.switchboard.ops.marketing.FunnelQuery;
import dev.switchboard.ops.marketing.FunnelRow;
import dev.switchboard.ops.marketing.LeadEvent;
import dev.switchboard.ops.marketing.LeadFilter;
import dev.switchboard.ops.marketing.LeadRepository;
import dev.switchboard.ops.marketing.LeadStatus;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import dev.switchboard.store.testing.OpenDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo's leads and campaigns land as the story tells them, and the funnel agrees with it. */
class MarketingDemoSeedTest {

  /** 2026-03-31 10:00 in Shanghai. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-31T02:00:00Z"), ZoneOffset.UTC);

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  @Test
  void seedsEveryLeadAndCampaignOnceAndTheFunnelMatchesTheStory() {
    DemoHistory story = DemoHistory.generate(DemoHistory.DEMO_SEED, TODAY);
    try (OpenDatabase mdb = OpenDatabase.of("h2", null)) {
      // Two of the customers' tenants, as the billing seed would have made them.
      TenantRepository tenants = new TenantRepository(mdb.db.jdbi());
      for (DemoHistory.Customer c : story.customers().subList(0, 2)) {
        tenants.create(
            new Tenant(
                c.domain(),
                c.company(),
                TenantStatus.ACTIVE,
                c.industry(),
                Tenant.DEFAULT_TIME_ZONE,
                Instant.parse("2026-01-01T00:00:00Z")));
      }
      MarketingDemoSeed seed = new MarketingDemoSeed();
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long t0 = System.nanoTime();
      long cpu0 = threads.getCurrentThreadCpuTime();
      seed.seed(mdb.db, story);
      // Embedded H2 works on this thread, so its CPU time is the seed's cost on a quiet machine.
      System.out.printf(
          "marketing demo seed: %d leads in %d ms wall, %d ms CPU%n",
          story.leads().size(),
          (System.nanoTime() - t0) / 1_000_000,
          (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000);
      seed.seed(mdb.db, story); // idempotent

      FunnelQuery funnel = new FunnelQuery(mdb.db.jdbi());
      List<FunnelRow> rows = funnel.byChannel(story.start(), TODAY);
      FunnelRow total = rows.get(rows.size() - 1);
      assertThat(total.leads()).isEqualTo(story.leads().size());
      long won =
          story.leads().stream()
              .filter(l -> l.outcome() == DemoHistory.Stage.WON && !l.closedOn().isAfter(TODAY))
              .count();
      assertThat(total.won()).isEqualTo(won).isEqualTo(story.customers().size());
      long valid =
          story.leads().stream()
              .filter(l -> l.validOn() != null && !l.validOn().isAfter(TODAY))
              .count();
      assertThat(total.valid()).isEqualTo(valid);

      Map<String, Long> wonByChannel =
          story.customers().stream()
              .collect(Collectors.groupingBy(DemoHistory.Customer::channel, Collectors.counting()));
      for (FunnelRow r : rows.subList(0, rows.size() - 1)) {
        assertThat(r.won()).as(r.key()).isEqualTo(wonByChannel.getOrDefault(r.key(), 0L));
      }
      // The whole story's spend: every campaign's actual cost.
      BigDecimal spend =
          story.campaigns().stream()
              .map(DemoHistory.Campaign::actualCost)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(total.cost()).isEqualByComparingTo(spend);

      CampaignRepository campaigns = new CampaignRepository(mdb.db.jdbi(), CLOCK);
      assertThat(campaigns.list(null)).hasSize(story.campaigns().size());
      DemoHistory.Campaign first = story.campaigns().get(0);
      Campaign stored = campaigns.get(first.code().toLowerCase(java.util.Locale.ROOT));
      assertThat(stored.budget()).isEqualByComparingTo(first.budget());
      assertThat(stored.actualCost()).isEqualByComparingTo(first.actualCost());

      assertThat(new CompetitorRepository(mdb.db.jdbi(), CLOCK).list())
          .extracting(Competitor::kind)
          .containsExactly("manual", "desktop", "app");
      ContentLibrary library = new ContentLibrary(mdb.db.jdbi(), CLOCK);
      assertThat(library.personas()).hasSize(2);
      assertThat(library.items("case_study", null, null))
          .extracting(ContentItem::customerDomain)
          .containsExactlyInAnyOrder(
              story.customers().get(0).domain(), story.customers().get(1).domain());

      LeadRepository leads = new LeadRepository(mdb.db.jdbi(), CLOCK);
      DemoHistory.Customer c0 = story.customers().get(0);
      LeadFilter wonLeads =
          new LeadFilter(LeadStatus.WON, null, null, null, null, null, null, null, false);
      assertThat(
              leads.list(wonLeads, null, 500).items().stream()
                  .filter(l -> c0.domain().equals(l.tenantDomain())))
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.company()).isEqualTo(c0.company());
                assertThat(l.ownerEmail()).isEqualTo(c0.rep());
                assertThat(leads.events(l.id()))
                    .extracting(LeadEvent::kind)
                    .containsExactly("created", "valid", "trial", "opportunity", "won");
              });
    }
  }
}
