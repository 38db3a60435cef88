package dev.switchboard.demo;

import dev.switchboard.demo.billing.BillingDemoSeed;
import dev.switchboard.demo.churn.ChurnDemoSeed;
import dev.switchboard.demo.marketing.MarketingDemoSeed;
import dev.switchboard.demo.sales.SalesDemoSeed;
import dev.switchboard.demo.success.SuccessDemoSeed;
import dev.switchboard.store.Database;
import java.time.LocalDate;
import java.util.List;

/** The demo's business history: the one story, written by every department's seed in turn. */
public final class BusinessDemo {

  /** The departments' seeds, in order: billing makes the customers the others refer to. */
  public static final List<DemoSeed> SEEDS =
      List.of(
          new BillingDemoSeed(),
          new MarketingDemoSeed(),
          new SalesDemoSeed(),
          new SuccessDemoSeed(),
          new ChurnDemoSeed());

  private BusinessDemo() {}

  /** Two years of history ending {@code today}; safe to run again (each seed skips itself). */
  public static void seed(Database db, LocalDate today) {
    DemoHistory history = DemoHistory.generate(DemoHistory.DEMO_SEED, today);
    for (DemoSeed seed : SEEDS) {
      seed.seed(db, history);
    }
  }
}
