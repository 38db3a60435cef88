package dev.switchboard.demo.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.ops.churn.ChurnEvaluation;
import dev.switchboard.ops.churn.ChurnReason;
import dev.switchboard.ops.churn.ChurnReasonCode;
import dev.switchboard.ops.churn.ChurnReasonRepository;
import dev.switchboard.ops.churn.ChurnService;
import dev.switchboard.ops.churn.ChurnStore;
import dev.switchboard.ops.churn.CustomerRisk;
import dev.switchboard.ops.churn.Scores;
import dev.switchboard.ops.churn.StoredModel;
import dev.switchboard.ops.churn.TermCalendar;
import dev.switchboard.store.Database;
import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The demo story written to H2, seeded, trained and scored, and churn reasons kept. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChurnServiceH2Test {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);

  @TempDir static Path dir;
  Database db;
  DemoHistory history;

  @BeforeAll
  void seed() {
    db = Database.open(TestDatabases.h2(dir).settings());
    history = DemoHistory.generate(DemoHistory.DEMO_SEED, TODAY);
    DemoCustomerWriter.write(db, history);
    new ChurnDemoSeed(CLOCK).seed(db, history);
  }

  @AfterAll
  void close() {
    db.close();
  }

  @Test
  void everyChurnedCustomerHasAReasonAndTheSeedIsIdempotent() {
    ChurnReasonRepository reasons = new ChurnReasonRepository(db.jdbi(), CLOCK);
    long churned = history.customers().stream().filter(c -> c.churnedOn() != null).count();
    assertThat(reasons.list()).hasSize((int) churned);
    long models = new ChurnStore(db.jdbi()).latest().orElseThrow().id();
    new ChurnDemoSeed(CLOCK).seed(db, history);
    assertThat(reasons.list()).hasSize((int) churned);
    assertThat(new ChurnStore(db.jdbi()).latest().orElseThrow().id()).isEqualTo(models);
    DemoHistory.Customer first =
        history.customers().stream().filter(c -> c.churnedOn() != null).findFirst().orElseThrow();
    ChurnReason r =
        reasons.list().stream()
            .filter(x -> x.domain().equals(first.domain()))
            .findFirst()
            .orElseThrow();
    assertThat(r.churnedOn()).isEqualTo(first.churnedOn());
    assertThat(r.reason().code()).isEqualTo(first.churnReason());
    assertThat(r.company()).isEqualTo(first.company());
  }

  @Test
  void everyActiveCustomerIsScoredAndTheListIsSortedByExpectedLoss() {
    ChurnService service = ChurnService.standard(db, CLOCK);
    StoredModel m = service.latest().orElseThrow();
    long active =
        DemoCustomers.of(history).stream()
            .filter(c -> c.activeOn(TODAY) && !c.weeks().isEmpty())
            .count();
    assertThat(service.store().riskCount(m.id())).isEqualTo((int) active);
    List<CustomerRisk> risks = service.risks(500);
    assertThat(risks).hasSize((int) active);
    for (int i = 1; i < risks.size(); i++) {
      assertThat(risks.get(i).expectedLoss()).isLessThanOrEqualTo(risks.get(i - 1).expectedLoss());
    }
    CustomerRisk top = risks.get(0);
    assertThat(top.risk()).isBetween(0.0, 1.0);
    // Revenue is seats × 50.00; the expected loss is risk × revenue to the cent.
    assertThat(top.expectedLoss())
        .isEqualByComparingTo(
            top.monthlyRevenue()
                .multiply(BigDecimal.valueOf(top.risk()))
                .setScale(2, java.math.RoundingMode.HALF_UP));
    assertThat(top.monthlyRevenue().remainder(new BigDecimal("50.00"))).isEqualByComparingTo("0");
    assertThat(top.reasons())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.contribution()).isPositive());
    assertThat(top.nextTermEnd()).isAfter(TODAY);
    assertThat(m.revenueBasis()).contains("50.00 CNY per seat-month");
  }

  @Test
  void theEvaluationIsTimeSplitAndComparesWithTheBaseline() {
    ChurnEvaluation e = ChurnService.standard(db, CLOCK).latest().orElseThrow().evaluation();
    assertThat(e.trainPoints() + e.testPoints())
        .isEqualTo(TermCalendar.decisionPoints(DemoCustomers.of(history), TODAY).size());
    assertThat(e.cutoff()).isBefore(TODAY);
    assertThat(e.results())
        .extracting(Scores.Result::model)
        .containsExactly("logistic_regression", "random_forest", "health_score");
    Scores.Result lr = e.result("logistic_regression");
    assertThat(lr.n()).isEqualTo(e.testPoints());
    assertThat(lr.churned()).isEqualTo(e.testChurned());
    assertThat(lr.auc()).isGreaterThan(0.6);
    assertThat(lr.calibration().stream().mapToInt(Scores.CalibrationBin::n).sum())
        .isEqualTo(e.testPoints());
    assertThat(e.result("health_score").brier()).isNull();
  }

  @Test
  void churnReasonsAreKeptChangedAndRemoved() {
    ChurnReasonRepository reasons = new ChurnReasonRepository(db.jdbi(), CLOCK);
    DemoHistory.Customer active =
        history.customers().stream().filter(c -> c.churnedOn() == null).findFirst().orElseThrow();
    ChurnReason r =
        reasons.create(active.domain(), TODAY.minusDays(3), ChurnReasonCode.PRICE, "  too dear ");
    assertThat(r.note()).isEqualTo("too dear");
    assertThat(reasons.update(r.id(), ChurnReasonCode.MISSING_FEATURE, null).reason())
        .isEqualTo(ChurnReasonCode.MISSING_FEATURE);
    assertThatThrownBy(
            () -> reasons.create(active.domain(), TODAY.minusDays(3), ChurnReasonCode.PRICE, null))
        .isInstanceOf(DuplicateException.class);
    assertThatThrownBy(() -> reasons.create("nobody.test", TODAY, ChurnReasonCode.PRICE, null))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ChurnReasonCode.parse("reason", "bored"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("low_usage");
    reasons.delete(r.id());
    assertThatThrownBy(() -> reasons.get(r.id())).isInstanceOf(NotFoundException.class);
  }
}
