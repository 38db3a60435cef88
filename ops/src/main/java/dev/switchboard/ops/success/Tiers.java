package dev.switchboard.ops.success;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.ops.customer.CustomerProfiles;
import dev.switchboard.store.Database;
import dev.switchboard.store.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tier rules (editable) and the run that puts every customer in its tier, recording each move with
 * the rule that made it; the current tier is {@code customer_profile.tier}.
 */
public final class Tiers {

  private final Database db;
  private final CustomerFactsSource facts;
  private final Clock clock;

  public Tiers(Database db, CustomerFactsSource facts, Clock clock) {
    this.db = db;
    this.facts = facts;
    this.clock = clock;
  }

  public List<TierRule> rules() {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT code, name, level_no, min_annual_spend, min_tenure_months,"
                            + " min_referrals, min_valuable_feedback, service, min_case_priority"
                            + " FROM success_tier ORDER BY level_no, code")
                    .map(
                        (rs, ctx) ->
                            new TierRule(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getInt(3),
                                rs.getBigDecimal(4),
                                rs.getInt(5),
                                rs.getInt(6),
                                rs.getInt(7),
                                rs.getString(8),
                                CasePriority.parse(rs.getString(9))))
                    .list());
  }

  /** Creates or replaces the rule with {@code rule.code()}. */
  public TierRule save(TierRule rule) {
    db.jdbi()
        .useTransaction(
            h -> {
              int n =
                  h.createUpdate(
                          "UPDATE success_tier SET name = :name, level_no = :level,"
                              + " min_annual_spend = :spend, min_tenure_months = :tenure,"
                              + " min_referrals = :refs, min_valuable_feedback = :fb, service ="
                              + " :service, min_case_priority = :p WHERE code = :code")
                      .bindMethods(new Bound(rule))
                      .execute();
              if (n == 0) {
                h.createUpdate(
                        "INSERT INTO success_tier (code, name, level_no, min_annual_spend,"
                            + " min_tenure_months, min_referrals, min_valuable_feedback, service,"
                            + " min_case_priority) VALUES (:code, :name, :level, :spend, :tenure,"
                            + " :refs, :fb, :service, :p)")
                    .bindMethods(new Bound(rule))
                    .execute();
              }
            });
    return rule;
  }

  /** Named parameters of a rule for its SQL. */
  public record Bound(TierRule r) {
    public String code() {
      return r.code();
    }

    public String name() {
      return r.name();
    }

    public int level() {
      return r.level();
    }

    public BigDecimal spend() {
      return r.minAnnualSpend();
    }

    public int tenure() {
      return r.minTenureMonths();
    }

    public int refs() {
      return r.minReferrals();
    }

    public int fb() {
      return r.minValuableFeedback();
    }

    public String service() {
      return r.service();
    }

    public String p() {
      return r.minCasePriority().wireName();
    }
  }

  public void delete(String code) {
    int n =
        db.jdbi()
            .withHandle(
                h ->
                    h.createUpdate("DELETE FROM success_tier WHERE code = :c")
                        .bind("c", code)
                        .execute());
    if (n == 0) {
      throw new NotFoundException("code", "tier " + code + " not found");
    }
  }

  /** What a run changed. */
  public record Summary(int customers, int changed, Map<String, Integer> perTier) {}

  /** Re-tiers every customer (a tenant with a customer_profile row) as of now. */
  public Summary run() {
    return run(clock.instant());
  }

  public Summary run(Instant at) {
    List<TierRule> rules = rules();
    LocalDate asOf = BusinessCalendar.today(at);
    return db.jdbi()
        .inTransaction(
            h -> {
              Map<Long, BigDecimal> spend = facts.annualSpend(h, asOf);
              Map<Long, Integer> referrals = facts.referrals(h, asOf);
              Map<Long, Integer> valuable = new HashMap<>();
              h.createQuery(
                      "SELECT tenant_id, COUNT(*) FROM success_feedback WHERE valuable = TRUE AND"
                          + " tenant_id IS NOT NULL GROUP BY tenant_id")
                  .map((rs, ctx) -> valuable.put(rs.getLong(1), rs.getInt(2)))
                  .forEach(x -> {});
              record Row(long id, String tier, LocalDate since) {}
              List<Row> rows =
                  h.createQuery(
                          "SELECT p.tenant_id, p.tier, COALESCE(p.acquired_on, CAST(t.created_at AS"
                              + " DATE)) FROM customer_profile p JOIN tenant t ON t.id ="
                              + " p.tenant_id")
                      .map(
                          (rs, ctx) ->
                              new Row(
                                  rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class)))
                      .list();
              Map<String, Integer> perTier = new HashMap<>();
              int changed = 0;
              OffsetDateTime now = BusinessCalendar.utc(at);
              for (Row r : rows) {
                int tenure =
                    r.since() == null
                        ? 0
                        : (int) Math.max(0, ChronoUnit.MONTHS.between(r.since(), asOf));
                TierRule.Facts f =
                    new TierRule.Facts(
                        spend.getOrDefault(r.id(), BigDecimal.ZERO),
                        tenure,
                        referrals.getOrDefault(r.id(), 0),
                        valuable.getOrDefault(r.id(), 0));
                TierRule best = TierRule.assign(rules, f);
                if (best == null) {
                  continue;
                }
                perTier.merge(best.code(), 1, Integer::sum);
                if (!best.code().equals(r.tier())) {
                  changed++;
                  CustomerProfiles.setTier(h, r.id(), best.code(), now);
                  h.createUpdate(
                          "INSERT INTO success_tier_change (tenant_id, from_tier, to_tier, rule,"
                              + " changed_at) VALUES (:id, :f, :to, :rule, :now)")
                      .bind("id", r.id())
                      .bind("f", r.tier())
                      .bind("to", best.code())
                      .bind("rule", best.explain(f))
                      .bind("now", now)
                      .execute();
                }
              }
              return new Summary(rows.size(), changed, perTier);
            });
  }

  /** A customer's tier moves, oldest first. */
  public List<TierChange> history(String domain) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT t.sip_domain, c.from_tier, c.to_tier, c.rule, c.changed_at FROM"
                            + " success_tier_change c JOIN tenant t ON t.id = c.tenant_id WHERE"
                            + " t.sip_domain = :d ORDER BY c.id")
                    .bind("d", domain.toLowerCase(java.util.Locale.ROOT))
                    .map(
                        (rs, ctx) ->
                            new TierChange(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                CaseRepository.instant(rs, 5)))
                    .list());
  }
}
