package dev.switchboard.ops.churn;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.store.Database;
import dev.switchboard.store.InvalidValueException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The churn model as the business uses it: retrain on all stored history (on demand or weekly),
 * score every active customer, keep the evaluation and the early-warning list.
 */
public final class ChurnService {

  /** Calendar dates are in the business time zone. */

  /** Seed of the model's randomness, fixed so a retrain on the same data gives the same model. */
  static final long SEED = 42L;

  private final Database db;
  private final Clock clock;
  private final ChurnBaseline baseline;
  private final Function<LocalDate, RevenueBasis> revenue;
  private final ChurnStore store;

  /** A service that always values revenue with {@code revenue}. */
  public ChurnService(Database db, Clock clock, ChurnBaseline baseline, RevenueBasis revenue) {
    this(db, clock, baseline, asOf -> revenue);
  }

  /** A service that values revenue as of each retrain's day with {@code revenueAsOf}. */
  public ChurnService(
      Database db,
      Clock clock,
      ChurnBaseline baseline,
      Function<LocalDate, RevenueBasis> revenueAsOf) {
    this.db = db;
    this.clock = clock;
    this.baseline = baseline;
    this.revenue = revenueAsOf;
    this.store = new ChurnStore(db.jdbi());
  }

  /**
   * The service with the success department's health score as baseline and billing's MRR as revenue
   * (the list price for tenants without a subscription).
   */
  public static ChurnService standard(Database db, Clock clock) {
    return new ChurnService(
        db,
        clock,
        HealthScoreBaseline.defaults(),
        (LocalDate asOf) -> RevenueBasis.BillingMrr.load(db.jdbi(), asOf));
  }

  /** Today in the business time zone. */
  public LocalDate today() {
    return BusinessCalendar.BUSINESS.today(clock);
  }

  /** Retrains as of today. */
  public StoredModel retrain() {
    return retrain(today());
  }

  /**
   * Trains on every decision point up to {@code asOf}, scores the customers active then and stores
   * both. Serialised: two retrains at once would only do the same work twice.
   */
  public synchronized StoredModel retrain(LocalDate asOf) {
    List<CustomerHistory> customers = new ChurnHistoryQuery(db.jdbi()).load(ChurnHistoryQuery.ALL);
    List<DecisionPoint> points = TermCalendar.decisionPoints(customers, asOf);
    long churned = points.stream().filter(DecisionPoint::churned).count();
    if (churned < 2 || points.size() - churned < 2) {
      throw new InvalidValueException(
          null,
          "not enough history to train: "
              + points.size()
              + " term ends, "
              + churned
              + " of them churned (at least 2 of each are needed)");
    }
    ChurnTraining.Trained trained;
    try {
      trained = ChurnTraining.run("stored history", customers, asOf, null, baseline, SEED);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(null, e.getMessage());
    }
    RevenueBasis basis = revenue.apply(asOf);
    List<CustomerRisk> risks = ChurnScorer.score(trained.model(), customers, asOf, basis);
    long id =
        store.save(
            clock.instant(),
            asOf,
            trained.evaluation(),
            points.size(),
            (int) churned,
            basis.description(),
            risks);
    return store.latest().filter(m -> m.id() == id).orElseThrow();
  }

  public Optional<StoredModel> latest() {
    return store.latest();
  }

  /** The early-warning list of the latest run, largest expected loss first. */
  public List<CustomerRisk> risks(int limit) {
    return store.latest().map(m -> store.risks(m.id(), limit)).orElse(List.of());
  }

  public ChurnStore store() {
    return store;
  }
}
