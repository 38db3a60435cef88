package dev.switchboard.demo.sales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.billing.BillingDemoSeed;
import dev.switchboard.demo.marketing.MarketingDemoSeed;
import dev.switchboard.ops.sales.Opportunity;
import dev.switchboard.ops.sales.OpportunityRepository;
import dev.switchboard.ops.sales.Period;
import dev.switchboard.ops.sales.ReferralRepository;
import dev.switchboard.ops.sales.RepRepository;
import dev.switchboard.ops.sales.RepScore;
import dev.switchboard.ops.sales.SalesReports;
import dev.switchboard.ops.sales.Stage;
import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's deals agree with the story they come from, and seeding twice changes nothing; once per
 * database kind.
 */
abstract class SalesDemoSeedContract {

  @TempDir Path dir;

  abstract TestDatabase newDatabase(Path dir);

  @Test
  void everyOpportunityOfTheStoryIsADealWithItsOutcome() {
    LocalDate today = LocalDate.parse("2026-11-25");
    DemoHistory history = DemoHistory.generate(DemoHistory.DEMO_SEED, today);
    try (TestDatabase testDb = newDatabase(dir);
        Database db = Database.open(testDb.settings())) {
      new BillingDemoSeed().seed(db, history);
      new MarketingDemoSeed().seed(db, history);
      new SalesDemoSeed().seed(db, history);
      new SalesDemoSeed().seed(db, history);

      List<DemoHistory.Lead> opps =
          history.leads().stream()
              .filter(l -> l.opportunityOn() != null && !l.opportunityOn().isAfter(today))
              .toList();
      List<Opportunity> deals =
          new OpportunityRepository(db.jdbi(), Clock.systemUTC())
              .list(OpportunityRepository.Filter.ALL);
      assertThat(deals).hasSize(opps.size());
      assertThat(new RepRepository(db.jdbi(), Clock.systemUTC()).list()).hasSize(6);

      long wonInStory =
          opps.stream()
              .filter(l -> l.outcome() == DemoHistory.Stage.WON && !l.closedOn().isAfter(today))
              .count();
      assertThat(deals.stream().filter(Opportunity::won).count()).isEqualTo(wonInStory);
      // Every won deal of the story became one of its customers.
      assertThat(wonInStory).isEqualTo(history.customers().size());
      long openInStory = opps.stream().filter(l -> l.closedOn().isAfter(today)).count();
      assertThat(deals.stream().filter(d -> d.stage().isOpen()).count()).isEqualTo(openInStory);

      // Per rep, the won count and amount match the story priced by the seed catalogue
      // (starter 3000 + 1000 × seats up to 10 seats, business 6000 + 900 × seats above).
      Map<String, Long> wonByRep =
          opps.stream()
              .filter(l -> l.outcome() == DemoHistory.Stage.WON && !l.closedOn().isAfter(today))
              .collect(Collectors.groupingBy(DemoHistory.Lead::rep, Collectors.counting()));
      BigDecimal storyAmount =
          opps.stream()
              .filter(l -> l.outcome() == DemoHistory.Stage.WON && !l.closedOn().isAfter(today))
              .map(
                  l ->
                      BigDecimal.valueOf(
                          l.seats() <= 10 ? 3000 + 1000L * l.seats() : 6000 + 900L * l.seats()))
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      List<RepScore> board = new SalesReports(db, Clock.systemUTC()).leaderboard(Period.always());
      for (RepScore s : board) {
        assertThat((long) s.won()).as(s.key()).isEqualTo(wonByRep.getOrDefault(s.key(), 0L));
      }
      assertThat(board.stream().map(RepScore::wonAmount).reduce(BigDecimal.ZERO, BigDecimal::add))
          .isEqualByComparingTo(storyAmount);

      // Won deals are linked to the customers' tenants and leads; referrals come from the story.
      assertThat(deals.stream().filter(Opportunity::won).map(Opportunity::domain))
          .doesNotContainNull()
          .containsExactlyInAnyOrderElementsOf(
              history.customers().stream().map(DemoHistory.Customer::domain).toList());
      assertThat(deals).allMatch(d -> d.leadId() != null);
      long referred =
          history.leads().stream()
              .filter(l -> l.referredBy() >= 0 && !l.createdOn().isAfter(today))
              .count();
      ReferralRepository referrals = new ReferralRepository(db.jdbi(), Clock.systemUTC());
      assertThat(referrals.list(null)).hasSize((int) referred);
      DemoHistory.Lead firstReferred =
          history.leads().stream().filter(l -> l.referredBy() >= 0).findFirst().orElseThrow();
      String referrer = history.customers().get(firstReferred.referredBy()).domain();
      long byThatCustomer =
          history.leads().stream()
              .filter(l -> l.referredBy() == firstReferred.referredBy())
              .count();
      assertThat(referrals.countFor(referrer, today)).isEqualTo((int) byThatCustomer);

      // Lost deals keep the story's reason; histories run forward in time.
      Opportunity lost = deals.stream().filter(Opportunity::lost).findFirst().orElseThrow();
      assertThat(lost.lostReason()).isIn("price", "no_budget", "chose_competitor", "no_decision");
      OpportunityRepository repo = new OpportunityRepository(db.jdbi(), Clock.systemUTC());
      for (Opportunity d : deals.subList(0, 40)) {
        List<OpportunityRepository.StageEntry> h = repo.history(d.id());
        assertThat(h.get(0).stage()).isEqualTo(Stage.QUALIFICATION);
        assertThat(h.get(0).enteredOn()).isEqualTo(d.openedOn());
        for (int i = 1; i < h.size(); i++) {
          assertThat(h.get(i).enteredOn()).isAfterOrEqualTo(h.get(i - 1).enteredOn());
        }
        assertThat(h.get(h.size() - 1).stage()).isEqualTo(d.stage());
        assertThat(h.get(h.size() - 1).enteredOn()).isBeforeOrEqualTo(today);
      }
    }
  }
}
