package dev.switchboard.ops.sales;

import dev.switchboard.store.NotFoundException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** Stores opportunities and the day each entered each stage. Rules live in {@link Pipeline}. */
public final class OpportunityRepository {

  private static final String SELECT =
      "SELECT o.id, o.lead_id, o.company, o.industry, o.region, o.channel, o.campaign,"
          + " o.intent_grade, r.email AS rep_email, r.name AS rep_name, r.team, o.plan_code,"
          + " o.seats, o.amount, o.stage, o.opened_on, o.closed_on, o.lost_reason, o.refunded_on,"
          + " o.refund_reason, o.refund_amount, o.sip_domain"
          + " FROM opportunity o JOIN sales_rep r ON r.id = o.rep_id";

  /** A deal about to be opened. */
  public record Draft(
      Long leadId,
      String company,
      String industry,
      String region,
      String channel,
      String campaign,
      String intent,
      String repEmail,
      String plan,
      int seats,
      BigDecimal amount) {}

  /** A stage and the day the deal entered it. */
  public record StageEntry(Stage stage, LocalDate enteredOn) {}

  /** Which deals to list; null fields do not filter. */
  public record Filter(Stage stage, String repEmail, String team, Boolean open) {
    public static final Filter ALL = new Filter(null, null, null, null);
  }

  private final Jdbi jdbi;
  private final Clock clock;

  public OpportunityRepository(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Inserts the deal in qualification, opened on {@code openedOn}; returns its id. */
  public long insert(Handle h, Draft d, LocalDate openedOn) {
    long rep = RepRepository.idOf(h, d.repEmail());
    long id =
        h.createUpdate(
                "INSERT INTO opportunity (lead_id, company, industry, region, channel, campaign,"
                    + " intent_grade, rep_id, plan_code, seats, amount, stage, opened_on, created_at)"
                    + " VALUES (:lead, :company, :industry, :region, :channel, :campaign, :intent,"
                    + " :rep, :plan, :seats, :amount, :stage, :opened, :at)")
            .bind("lead", d.leadId())
            .bind("company", d.company())
            .bind("industry", d.industry())
            .bind("region", d.region())
            .bind("channel", d.channel())
            .bind("campaign", d.campaign())
            .bind("intent", d.intent())
            .bind("rep", rep)
            .bind("plan", d.plan())
            .bind("seats", d.seats())
            .bind("amount", d.amount())
            .bind("stage", Stage.QUALIFICATION.wireName())
            .bind("opened", openedOn)
            .bind("at", now())
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    enter(h, id, Stage.QUALIFICATION, openedOn);
    return id;
  }

  /** Records that deal {@code id} entered {@code stage} on {@code on} and sets its stage. */
  public void enter(Handle h, long id, Stage stage, LocalDate on) {
    h.createUpdate(
            "INSERT INTO opportunity_stage (opportunity_id, stage, entered_on, recorded_at)"
                + " VALUES (:id, :stage, :on, :at)")
        .bind("id", id)
        .bind("stage", stage.wireName())
        .bind("on", on)
        .bind("at", now())
        .execute();
    h.createUpdate("UPDATE opportunity SET stage = :stage WHERE id = :id")
        .bind("id", id)
        .bind("stage", stage.wireName())
        .execute();
  }

  /** Sets how a deal closed: won (with its customer's domain and tenant) or lost (a reason). */
  public void close(
      Handle h, long id, LocalDate on, String lostReason, String domain, Long tenantId) {
    h.createUpdate(
            "UPDATE opportunity SET closed_on = :on, lost_reason = :reason, sip_domain = :domain,"
                + " tenant_id = :tenant WHERE id = :id")
        .bind("id", id)
        .bind("on", on)
        .bind("reason", lostReason)
        .bind("domain", domain)
        .bind("tenant", tenantId)
        .execute();
  }

  public void refund(Handle h, long id, LocalDate on, String reason, BigDecimal amount) {
    h.createUpdate(
            "UPDATE opportunity SET refunded_on = :on, refund_reason = :reason,"
                + " refund_amount = :amount WHERE id = :id")
        .bind("id", id)
        .bind("on", on)
        .bind("reason", reason)
        .bind("amount", amount)
        .execute();
  }

  /** Changes the rep, plan, seats and amount of an open deal. */
  public void update(
      Handle h, long id, String repEmail, String plan, int seats, BigDecimal amount) {
    h.createUpdate(
            "UPDATE opportunity SET rep_id = :rep, plan_code = :plan, seats = :seats,"
                + " amount = :amount WHERE id = :id")
        .bind("id", id)
        .bind("rep", RepRepository.idOf(h, repEmail))
        .bind("plan", plan)
        .bind("seats", seats)
        .bind("amount", amount)
        .execute();
  }

  public Optional<Opportunity> find(long id) {
    return jdbi.withHandle(h -> find(h, id));
  }

  public Optional<Opportunity> find(Handle h, long id) {
    return h.createQuery(SELECT + " WHERE o.id = :id")
        .bind("id", id)
        .map(OpportunityRepository::map)
        .findOne();
  }

  public Opportunity get(long id) {
    return find(id).orElseThrow(() -> notFound(id));
  }

  /** The open deal of a lead, if it has one. */
  public Optional<Opportunity> forLead(Handle h, long leadId) {
    return h
        .createQuery(SELECT + " WHERE o.lead_id = :lead ORDER BY o.id DESC")
        .bind("lead", leadId)
        .map(OpportunityRepository::map)
        .list()
        .stream()
        .findFirst();
  }

  /** Deals matching {@code f}, newest first. */
  public List<Opportunity> list(Filter f) {
    StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
    if (f.stage() != null) {
      sql.append(" AND o.stage = :stage");
    }
    if (f.repEmail() != null) {
      sql.append(" AND r.email = :rep");
    }
    if (f.team() != null) {
      sql.append(" AND r.team = :team");
    }
    if (f.open() != null) {
      sql.append(f.open() ? " AND o.closed_on IS NULL" : " AND o.closed_on IS NOT NULL");
    }
    sql.append(" ORDER BY o.opened_on DESC, o.id DESC");
    return jdbi.withHandle(
        h -> {
          Query q = h.createQuery(sql.toString());
          if (f.stage() != null) {
            q.bind("stage", f.stage().wireName());
          }
          if (f.repEmail() != null) {
            q.bind("rep", f.repEmail().trim().toLowerCase(java.util.Locale.ROOT));
          }
          if (f.team() != null) {
            q.bind("team", f.team());
          }
          return q.map(OpportunityRepository::map).list();
        });
  }

  public List<StageEntry> history(long id) {
    return jdbi.withHandle(
        h ->
            h
                .createQuery(
                    "SELECT stage, entered_on FROM opportunity_stage WHERE opportunity_id = :id")
                .bind("id", id)
                .map(
                    (rs, ctx) ->
                        new StageEntry(
                            Stage.parse(rs.getString("stage")),
                            rs.getObject("entered_on", LocalDate.class)))
                .list()
                .stream()
                .sorted(java.util.Comparator.comparing(e -> e.stage().ordinal()))
                .toList());
  }

  /** Whether any deal exists: the demo seed runs once. */
  public boolean any() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT COUNT(*) FROM opportunity").mapTo(Long.class).one() > 0);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  static Opportunity map(ResultSet rs, StatementContext ctx) throws SQLException {
    long lead = rs.getLong("lead_id");
    Long leadId = rs.wasNull() ? null : lead;
    return new Opportunity(
        rs.getLong("id"),
        leadId,
        rs.getString("company"),
        rs.getString("industry"),
        rs.getString("region"),
        rs.getString("channel"),
        rs.getString("campaign"),
        rs.getString("intent_grade"),
        rs.getString("rep_email"),
        rs.getString("rep_name"),
        rs.getString("team"),
        rs.getString("plan_code"),
        rs.getInt("seats"),
        rs.getBigDecimal("amount"),
        Stage.parse(rs.getString("stage")),
        rs.getObject("opened_on", LocalDate.class),
        rs.getObject("closed_on", LocalDate.class),
        rs.getString("lost_reason"),
        rs.getObject("refunded_on", LocalDate.class),
        rs.getString("refund_reason"),
        rs.getBigDecimal("refund_amount"),
        rs.getString("sip_domain"));
  }

  static NotFoundException notFound(long id) {
    return new NotFoundException("id", "no opportunity " + id);
  }
}
