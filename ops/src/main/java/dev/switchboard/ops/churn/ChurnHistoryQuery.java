package dev.switchboard.ops.churn;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the customers the churn model learns from and scores: every tenant with a customer profile,
 * its latest recorded churn date, and its weekly usage from a given week on.
 */
public final class ChurnHistoryQuery {

  /** A week before any usage: load everything. */
  public static final LocalDate ALL = LocalDate.of(2000, 1, 3);

  private final Jdbi jdbi;

  public ChurnHistoryQuery(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Customers with their usage weeks starting on or after {@code fromWeek}, by tenant id. */
  public List<CustomerHistory> load(LocalDate fromWeek) {
    return load(fromWeek, null);
  }

  /** The one customer of {@code domain}, with all its usage, if it has a customer profile. */
  public java.util.Optional<CustomerHistory> one(String domain) {
    return load(ALL, dev.switchboard.store.tenant.TenantRepository.lower(domain)).stream()
        .findFirst();
  }

  private List<CustomerHistory> load(LocalDate fromWeek, String domain) {
    String only =
        domain == null ? "" : " AND tenant_id = (SELECT id FROM tenant WHERE sip_domain = :d)";
    String onlyTenant = domain == null ? "" : " WHERE t.sip_domain = :d";
    return jdbi.withHandle(
        h -> {
          Map<Long, List<UsageWeek>> weeks = new HashMap<>();
          h.createQuery(
                  "SELECT tenant_id, week_start, seats, registered_seats, active_days, calls,"
                      + " minutes, console_logins, features_used FROM tenant_usage_week"
                      + " WHERE week_start >= :from"
                      + only
                      + " ORDER BY tenant_id, week_start")
              .bind("from", fromWeek)
              .bindMap(domain == null ? java.util.Map.of() : java.util.Map.of("d", domain))
              .setFetchSize(10_000)
              .map(
                  (rs, ctx) -> {
                    weeks
                        .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(
                            new UsageWeek(
                                rs.getObject(2, LocalDate.class),
                                rs.getInt(3),
                                rs.getInt(4),
                                rs.getInt(5),
                                rs.getInt(6),
                                rs.getInt(7),
                                rs.getInt(8),
                                rs.getInt(9)));
                    return Boolean.TRUE;
                  })
              .forEach(x -> {});
          return h.createQuery(
                  "SELECT t.id, t.sip_domain, COALESCE(p.company, t.name) AS company,"
                      + " p.acquisition_channel, t.industry, p.size_band, p.acquired_on,"
                      + " (SELECT MAX(r.churned_on) FROM churn_reason r WHERE r.tenant_id = t.id)"
                      + " AS churned_on FROM tenant t JOIN customer_profile p ON p.tenant_id = t.id"
                      + onlyTenant
                      + " ORDER BY t.id")
              .bindMap(domain == null ? java.util.Map.of() : java.util.Map.of("d", domain))
              .map(
                  (rs, ctx) -> {
                    long id = rs.getLong("id");
                    List<UsageWeek> w = weeks.getOrDefault(id, List.of());
                    LocalDate acquired = rs.getObject("acquired_on", LocalDate.class);
                    if (acquired == null && !w.isEmpty()) {
                      acquired = w.get(0).weekStart();
                    }
                    return new CustomerHistory(
                        id,
                        rs.getString("sip_domain"),
                        rs.getString("company"),
                        rs.getString("acquisition_channel"),
                        rs.getString("industry"),
                        rs.getString("size_band"),
                        acquired,
                        rs.getObject("churned_on", LocalDate.class),
                        w);
                  })
              .list();
        });
  }
}
