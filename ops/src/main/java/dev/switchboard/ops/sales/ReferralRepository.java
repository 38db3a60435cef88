package dev.switchboard.ops.sales;

import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.SqlErrors;
import dev.switchboard.store.tenant.TenantRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** 转介绍: which customer referred which lead, and how many each customer has referred. */
public final class ReferralRepository {

  /** How a referral became known. */
  public enum Source {
    STAFF,
    TRIAL_FORM;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Source parse(String text) {
      for (Source s : values()) {
        if (s.wireName().equals(text)) {
          return s;
        }
      }
      throw new InvalidValueException("source", "source must be staff or trial_form");
    }
  }

  /** One referral: the referring customer's SIP domain, the lead, the day. */
  public record Referral(String referrer, long leadId, LocalDate referredOn, Source source) {}

  /** A customer and how many leads it referred. */
  public record Count(String domain, int referrals) {}

  private final Jdbi jdbi;
  private final Clock clock;

  public ReferralRepository(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Records the referral; {@link DuplicateException} on "leadId" when the lead has a referrer. */
  public Referral record(Referral r) {
    try {
      jdbi.useHandle(h -> insert(h, r));
    } catch (UnableToExecuteStatementException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateException("leadId", "lead " + r.leadId() + " already has a referrer");
      }
      throw e;
    }
    return r;
  }

  void insert(Handle h, Referral r) {
    long tenant =
        TenantRepository.idOf(h, r.referrer())
            .orElseThrow(
                () -> new InvalidValueException("referrer", "no customer " + r.referrer()));
    h.createUpdate(
            "INSERT INTO referral (referrer_tenant_id, lead_id, referred_on, source, created_at)"
                + " VALUES (:t, :lead, :on, :source, :at)")
        .bind("t", tenant)
        .bind("lead", r.leadId())
        .bind("on", r.referredOn())
        .bind("source", r.source().wireName())
        .bind("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
        .execute();
  }

  /** All referrals, newest first; {@code referrer} (a domain) narrows to one customer. */
  public List<Referral> list(String referrer) {
    String where = referrer == null ? "" : " WHERE t.sip_domain = :d";
    return jdbi.withHandle(
        h -> {
          var q =
              h.createQuery(
                  "SELECT t.sip_domain, r.lead_id, r.referred_on, r.source FROM referral r"
                      + " JOIN tenant t ON t.id = r.referrer_tenant_id"
                      + where
                      + " ORDER BY r.referred_on DESC, r.lead_id DESC");
          if (referrer != null) {
            q.bind("d", TenantRepository.lower(referrer));
          }
          return q.map(
                  (rs, ctx) ->
                      new Referral(
                          rs.getString("sip_domain"),
                          rs.getLong("lead_id"),
                          rs.getObject("referred_on", LocalDate.class),
                          Source.parse(rs.getString("source"))))
              .list();
        });
  }

  public Optional<Referral> forLead(long leadId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT t.sip_domain, r.lead_id, r.referred_on, r.source FROM referral r"
                        + " JOIN tenant t ON t.id = r.referrer_tenant_id WHERE r.lead_id = :lead")
                .bind("lead", leadId)
                .map(
                    (rs, ctx) ->
                        new Referral(
                            rs.getString("sip_domain"),
                            rs.getLong("lead_id"),
                            rs.getObject("referred_on", LocalDate.class),
                            Source.parse(rs.getString("source"))))
                .findOne());
  }

  /**
   * How many leads each customer referred up to and including {@code asOf}, most first; customers
   * without referrals are left out.
   */
  public List<Count> counts(LocalDate asOf) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT t.sip_domain, COUNT(*) AS n FROM referral r"
                        + " JOIN tenant t ON t.id = r.referrer_tenant_id"
                        + " WHERE r.referred_on <= :asOf GROUP BY t.sip_domain"
                        + " ORDER BY n DESC, t.sip_domain")
                .bind("asOf", asOf)
                .map((rs, ctx) -> new Count(rs.getString("sip_domain"), rs.getInt("n")))
                .list());
  }

  /** The counts as a map from domain, for lookups. */
  public Map<String, Integer> countsByDomain(LocalDate asOf) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Count c : counts(asOf)) {
      out.put(c.domain(), c.referrals());
    }
    return out;
  }

  /** How many leads the customer of {@code domain} referred up to {@code asOf} (0 for none). */
  public int countFor(String domain, LocalDate asOf) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT COUNT(*) FROM referral r JOIN tenant t ON t.id = r.referrer_tenant_id"
                        + " WHERE t.sip_domain = :d AND r.referred_on <= :asOf")
                .bind("d", TenantRepository.lower(domain))
                .bind("asOf", asOf)
                .mapTo(Integer.class)
                .one());
  }
}
