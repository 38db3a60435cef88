package dev.switchboard.ops.success;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** The other departments' data success reads, wired in one place for the API, demo and bench. */
public final class SuccessSources {

  private SuccessSources() {}

  /** Leads each customer referred (sales' {@code referral}, 转介绍) up to {@code asOf}. */
  static Map<Long, Integer> referrals(Handle h, LocalDate asOf) {
    Map<Long, Integer> out = new HashMap<>();
    h.createQuery(
            "SELECT referrer_tenant_id, COUNT(*) FROM referral WHERE referred_on <= :asOf GROUP BY"
                + " referrer_tenant_id")
        .bind("asOf", asOf)
        .map((rs, ctx) -> out.put(rs.getLong(1), rs.getInt(2)))
        .forEach(x -> {});
    return out;
  }

  /** The departments as merged into this build. */
  public static final class Departments {

    private Departments() {}

    /** Billing's tables, with referrals counted from sales' data when that exists. */
    public static BillingData billing() {
      return new BillingData(SuccessSources::referrals);
    }

    /** Journey steps from marketing, sales and billing. */
    public static List<Journey.NamedSource> journey() {
      return List.of(
          new Journey.NamedSource("marketing", JourneySources.MARKETING),
          new Journey.NamedSource("sales", JourneySources.SALES),
          new Journey.NamedSource("billing", JourneySources.BILLING));
    }
  }
}
