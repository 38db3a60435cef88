package dev.switchboard.ops.success;

import java.util.List;
import java.util.Map;

/** The other departments' data success reads, wired in one place for the API, demo and bench. */
public final class SuccessSources {

  private SuccessSources() {}

  /** The departments as merged into this build. */
  public static final class Departments {

    private Departments() {}

    /** Billing's tables, with referrals counted from sales' data when that exists. */
    public static BillingData billing() {
      return new BillingData((h, asOf) -> Map.of());
    }

    /** Journey steps from marketing, sales and billing. */
    public static List<Journey.NamedSource> journey() {
      return List.of(new Journey.NamedSource("billing", JourneySources.BILLING));
    }
  }
}
