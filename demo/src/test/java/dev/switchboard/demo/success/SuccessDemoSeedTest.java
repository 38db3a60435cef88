package dev.switchboard.demo.success;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.billing.BillingDemoSeed;
import dev.switchboard.demo.marketing.MarketingDemoSeed;
import dev.switchboard.demo.sales.SalesDemoSeed;
import dev.switchboard.ops.success.Journey;
import dev.switchboard.ops.success.JourneyEvent;
import dev.switchboard.ops.success.Renewals;
import dev.switchboard.ops.success.SuccessSettings;
import dev.switchboard.ops.success.SuccessSources;
import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The demo's success data agrees with the story, tells its pattern, and is written once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuccessDemoSeedTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  @TempDir static Path dir;
  Database db;
  DemoHistory story;

  @BeforeAll
  void seed() {
    db = Database.open(TestDatabases.h2(dir).settings());
    story = DemoHistory.generate(DemoHistory.DEMO_SEED, TODAY);
    new BillingDemoSeed().seed(db, story);
    new MarketingDemoSeed().seed(db, story);
    new SalesDemoSeed().seed(db, story);
    long t0 = System.nanoTime();
    new SuccessDemoSeed().seed(db, story);
    System.out.printf(
        "success demo seed: %d customers in %d ms%n",
        story.customers().size(), (System.nanoTime() - t0) / 1_000_000);
  }

  @AfterAll
  void close() {
    db.close();
  }

  private long count(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private double number(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Double.class).one());
  }

  @Test
  void usageAndAScoreForEveryWeekOfEveryCustomer() {
    long weeks = story.customers().stream().mapToLong(c -> c.usage().size()).sum();
    assertThat(count("SELECT COUNT(*) FROM tenant_usage_week")).isEqualTo(weeks);
    assertThat(count("SELECT COUNT(*) FROM success_health_score")).isEqualTo(weeks);
    var c = story.customers().get(0);
    var u = c.usage().get(c.usage().size() - 1);
    long calls =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT u.calls FROM tenant_usage_week u JOIN tenant t ON t.id ="
                                + " u.tenant_id WHERE t.sip_domain = :d AND u.week_start = :w")
                        .bind("d", c.domain())
                        .bind("w", u.weekStart())
                        .mapTo(Long.class)
                        .one());
    assertThat(calls).isEqualTo(u.calls());
  }

  @Test
  void healthFallsBeforeCustomersLeave() {
    // Mean score in the 8 weeks before a churn against all weeks of customers who stayed.
    double beforeChurn =
        number(
            "SELECT AVG(CAST(s.score AS DOUBLE PRECISION)) FROM success_health_score s JOIN"
                + " billing_subscription b ON b.tenant_id = s.tenant_id WHERE b.ends_on IS NOT NULL"
                + " AND s.week_start > b.ends_on - 56 AND s.week_start <= b.ends_on");
    double stayed =
        number(
            "SELECT AVG(CAST(s.score AS DOUBLE PRECISION)) FROM success_health_score s JOIN"
                + " billing_subscription b ON b.tenant_id = s.tenant_id WHERE b.ends_on IS NULL");
    System.out.printf(
        "mean health: 8 weeks before churn %.1f, customers who stayed %.1f%n", beforeChurn, stayed);
    assertThat(beforeChurn).isLessThan(stayed - 5);
  }

  @Test
  void complaintsComeWhenUsageIsLow() {
    double complaintWeeks =
        number(
            "SELECT AVG(CAST(s.score AS DOUBLE PRECISION)) FROM success_case c JOIN"
                + " success_health_score s ON s.tenant_id = c.tenant_id AND s.week_start ="
                + " (SELECT MAX(x.week_start) FROM success_health_score x WHERE x.tenant_id ="
                + " c.tenant_id AND x.week_start < CAST(c.opened_at AS DATE) - 7) WHERE c.kind ="
                + " 'complaint'");
    double all = number("SELECT AVG(CAST(score AS DOUBLE PRECISION)) FROM success_health_score");
    System.out.printf(
        "health the week before a complaint %.1f, overall %.1f%n", complaintWeeks, all);
    assertThat(complaintWeeks).isLessThan(all);
    assertThat(count("SELECT COUNT(*) FROM success_case WHERE kind = 'onboarding_training'"))
        .isBetween(story.customers().size() - 3L, (long) story.customers().size());
  }

  @Test
  void surveysFeedbackTiersHelpAndStoriesExist() {
    assertThat(count("SELECT COUNT(*) FROM success_survey WHERE survey_kind = 'nps'"))
        .isGreaterThan(100);
    assertThat(count("SELECT COUNT(*) FROM success_survey WHERE survey_kind = 'csat'"))
        .isGreaterThan(50);
    assertThat(count("SELECT COUNT(*) FROM success_feedback WHERE duplicate_of IS NOT NULL"))
        .isPositive();
    assertThat(count("SELECT COUNT(*) FROM success_tier_change")).isPositive();
    // VIP needs three referrals (sales' referral table) besides spend and tenure.
    System.out.println(
        "tiers: "
            + db.jdbi()
                .withHandle(
                    h ->
                        h.createQuery(
                                "SELECT tier, COUNT(*) FROM customer_profile GROUP BY tier ORDER BY tier")
                            .map((rs, ctx) -> rs.getString(1) + "=" + rs.getInt(2))
                            .list()));
    assertThat(count("SELECT COUNT(DISTINCT tier) FROM customer_profile WHERE tier IS NOT NULL"))
        .isGreaterThan(1);
    assertThat(count("SELECT COUNT(*) FROM help_article WHERE article_kind = 'faq'")).isEqualTo(10);
    assertThat(count("SELECT COUNT(*) FROM success_story")).isBetween(3L, 5L);
    assertThat(count("SELECT COUNT(*) FROM success_task WHERE kind = 'renewal'")).isPositive();
    var study =
        new Renewals(
                db,
                new SuccessSettings(db, java.time.Clock.systemUTC()),
                SuccessSources.Departments.billing(),
                java.time.Clock.systemUTC())
            .study(TODAY);
    System.out.println("renewal lead-time study on the demo: " + study);
    assertThat(study).hasSizeGreaterThan(2);
  }

  @Test
  void journeyJoinsTheDepartments() {
    var c = story.customers().get(0);
    Journey.Timeline t = new Journey(db, SuccessSources.Departments.journey()).of(c.domain());
    assertThat(t.missing()).isEmpty();
    assertThat(t.events())
        .extracting(JourneyEvent::stage)
        .contains("marketing", "deal", "billing", "health", "service");
    assertThat(t.events().get(0).at())
        .isBeforeOrEqualTo(t.events().get(t.events().size() - 1).at());
    assertThat(t.usage()).hasSize(c.usage().size());
  }

  @Test
  void secondRunChangesNothing() {
    long scores = count("SELECT COUNT(*) FROM success_health_score");
    long cases = count("SELECT COUNT(*) FROM success_case");
    new SuccessDemoSeed().seed(db, story);
    assertThat(count("SELECT COUNT(*) FROM success_health_score")).isEqualTo(scores);
    assertThat(count("SELECT COUNT(*) FROM success_case")).isEqualTo(cases);
  }
}
