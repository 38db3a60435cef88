package dev.switchboard.demo.success;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.DemoHistory.Customer;
import dev.switchboard.demo.DemoSeed;
import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.ops.success.ReferralAsks;
import dev.switchboard.ops.success.Renewals;
import dev.switchboard.ops.success.SuccessSettings;
import dev.switchboard.ops.success.SuccessSources;
import dev.switchboard.ops.success.Tiers;
import dev.switchboard.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's customer success: every customer's weekly usage from the story, service cases
 * (complaints more likely as a customer's usage falls), NPS and CSAT answers, feedback to product,
 * weekly health scores over the whole history, renewal and health tasks, tiers, the help center and
 * a few success stories. Runs after the billing seed (it finds tenants by domain and reads
 * billing's invoices and term ends); skips itself when health scores exist.
 */
public final class SuccessDemoSeed implements DemoSeed {

  private static final Logger LOG = LoggerFactory.getLogger(SuccessDemoSeed.class);

  @Override
  public void seed(Database db, DemoHistory history) {
    long started = System.nanoTime();
    boolean done =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT COUNT(*) FROM success_health_score")
                            .mapTo(Long.class)
                            .one()
                        > 0);
    if (done) {
      LOG.info("success demo: already seeded");
      return;
    }
    Map<String, Long> ids = new HashMap<>();
    db.jdbi()
        .useHandle(
            h ->
                h.createQuery("SELECT sip_domain, id FROM tenant")
                    .map((rs, ctx) -> ids.put(rs.getString(1), rs.getLong(2)))
                    .forEach(x -> {}));
    List<Customer> customers =
        history.customers().stream().filter(c -> ids.containsKey(c.domain())).toList();
    if (customers.isEmpty()) {
      LOG.info("success demo: no tenants of the story (run the billing seed first)");
      return;
    }
    Instant now = BusinessCalendar.startOf(history.today()).plus(Duration.ofHours(10));
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    Random random = new Random(DemoHistory.DEMO_SEED ^ 0x5ACC355L);
    SuccessStoryline story = new SuccessStoryline(history, ids, random);
    db.jdbi()
        .useTransaction(
            h -> {
              story.usage(h, customers);
              story.cases(h, customers);
              story.surveys(h, customers);
              story.scores(h, customers, new SuccessSettings(db, clock).healthModel());
              story.renewalTasks(h);
            });
    long t1 = System.nanoTime();
    new HelpCenterSeed(db, clock).seed();
    long t2 = System.nanoTime();
    story.feedback(db, clock, customers);
    long t3 = System.nanoTime();
    Tiers tiers = new Tiers(db, SuccessSources.Departments.billing(), clock);
    tiers.run(now.minus(Duration.ofDays(365)));
    tiers.run(now.minus(Duration.ofDays(182)));
    tiers.run(now);
    new Renewals(db, new SuccessSettings(db, clock), SuccessSources.Departments.billing(), clock)
        .remind(history.today());
    new ReferralAsks(db, clock).run(history.today());
    long t4 = System.nanoTime();
    story.stories(db, clock, customers);
    LOG.info(
        "success demo phases ms: tables {} help {} feedback {} tiers+tasks {} stories {}",
        (t1 - started) / 1_000_000,
        (t2 - t1) / 1_000_000,
        (t3 - t2) / 1_000_000,
        (t4 - t3) / 1_000_000,
        (System.nanoTime() - t4) / 1_000_000);
    LOG.info(
        "success demo: {} customers in {} ms",
        customers.size(),
        (System.nanoTime() - started) / 1_000_000);
  }
}
