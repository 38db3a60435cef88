package dev.switchboard.ops.success;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ops.customer.UsageRollupTest;
import dev.switchboard.ops.customer.UsageWeeks;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import dev.switchboard.store.testing.OpenDatabase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scoring run stores a score per tenant and week and opens a task when a tenant turns red. */
class HealthRunTest {

  static final LocalDate MONDAY = UsageRollupTest.MONDAY;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void scoresWeeksAndOpensOneTaskWhenATenantTurnsRed(String kind) {
    try (OpenDatabase d = OpenDatabase.of(kind, dir)) {
      TenantRepository tenants = new TenantRepository(d.db.jdbi());
      tenants.create(
          new Tenant(
              "fading.test",
              "Fading",
              TenantStatus.ACTIVE,
              null,
              null,
              UsageRollupTest.CLOCK.instant()));
      tenants.create(
          new Tenant(
              "steady.test",
              "Steady",
              TenantStatus.ACTIVE,
              null,
              null,
              UsageRollupTest.CLOCK.instant()));
      long fading = UsageRollupTest.id(d, "fading.test");
      long steady = UsageRollupTest.id(d, "steady.test");
      d.db
          .jdbi()
          .useHandle(
              h -> {
                h.execute(
                    "INSERT INTO customer_profile (tenant_id, company, owner_email, updated_at)"
                        + " VALUES (?, 'Fading', 'li.na@switchboard.test', CURRENT_TIMESTAMP)",
                    fading);
                for (int w = 0; w < 6; w++) {
                  // fading: busy for four weeks, then almost nothing; steady: busy throughout
                  boolean busy = w < 4;
                  h.execute(
                      "INSERT INTO tenant_usage_week VALUES (?, ?, 10, ?, ?, ?, ?, 2, 3)",
                      fading,
                      MONDAY.minusWeeks(5 - w),
                      busy ? 9 : 0,
                      busy ? 5 : 0,
                      busy ? 220 : 0,
                      busy ? 500 : 0);
                  h.execute(
                      "INSERT INTO tenant_usage_week VALUES (?, ?, 10, 9, 5, 220, 500, 2, 3)",
                      steady,
                      MONDAY.minusWeeks(5 - w));
                }
              });
      SuccessSettings settings = new SuccessSettings(d.db, UsageRollupTest.CLOCK);
      // A two-week window so the fall shows within the six weeks.
      settings.saveHealthModel(new HealthModel(Map.of(), Map.of(), 50, 75, 2));
      HealthRun run = new HealthRun(d.db, settings, PaymentPunctuality.NONE, UsageRollupTest.CLOCK);
      for (int w = 5; w >= 0; w--) {
        run.run(MONDAY.minusWeeks(w));
      }
      HealthRun.Summary again = run.run(MONDAY);

      HealthHistory history = new HealthHistory(d.db, settings);
      List<HealthHistory.Scored> fadingScores = history.scores(fading, 10);
      assertThat(fadingScores).hasSize(6);
      int expected =
          HealthScore.score(
                  settings.healthModel(),
                  HealthInput.usage(new UsageWeeks(d.db).weeks(fading, MONDAY.minusWeeks(1))))
              .score();
      assertThat(fadingScores.get(5).score()).isEqualTo(expected);
      assertThat(fadingScores.get(3).band()).isEqualTo(HealthBand.GREEN);
      assertThat(fadingScores.get(5).band()).isEqualTo(HealthBand.RED);
      assertThat(history.scores(steady, 10)).allMatch(s -> s.band() == HealthBand.GREEN);

      // What moved it in week 5 (last full-usage week leaves the window): calls fell most.
      List<HealthMovement> moved = history.movements(fading, MONDAY.minusWeeks(1));
      assertThat(moved.get(0).delta()).isNegative();
      // The first scored week has nothing before it: every signal moved from 0.
      assertThat(history.movements(fading, MONDAY.minusWeeks(5))).allMatch(m -> m.before() == 0);

      List<SuccessTask> tasks =
          new TaskRepository(d.db, UsageRollupTest.CLOCK).list("open", "health", null, 50);
      assertThat(tasks).hasSize(1);
      assertThat(tasks.get(0).domain()).isEqualTo("fading.test");
      assertThat(tasks.get(0).ownerEmail()).isEqualTo("li.na@switchboard.test");
      assertThat(again.tasks()).isZero();
      assertThat(again.scored()).isEqualTo(2);
      assertThat(again.red()).isEqualTo(1);
    }
  }
}
