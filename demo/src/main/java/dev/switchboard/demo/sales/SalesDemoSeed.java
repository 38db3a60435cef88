package dev.switchboard.demo.sales;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.DemoSeed;
import dev.switchboard.ops.billing.Catalogue;
import dev.switchboard.ops.billing.Plan;
import dev.switchboard.ops.sales.OpportunityRepository;
import dev.switchboard.ops.sales.Rep;
import dev.switchboard.ops.sales.RepRepository;
import dev.switchboard.ops.sales.Stage;
import dev.switchboard.store.Database;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sales part of the demo: the six reps, one opportunity for every lead of the story that
 * reached the opportunity stage (stage dates, owner, catalogue amount, outcome, lost reason),
 * linked to the won customers' tenants that billing's seed created, and the customers' referrals.
 * Runs after the billing and marketing seeds; does nothing when opportunities exist.
 */
public final class SalesDemoSeed implements DemoSeed {

  private static final Logger LOG = LoggerFactory.getLogger(SalesDemoSeed.class);

  @Override
  public void seed(Database db, DemoHistory history) {
    Clock clock = Clock.systemUTC();
    if (new OpportunityRepository(db.jdbi(), clock).any()) {
      return;
    }
    long started = System.nanoTime();
    RepRepository reps = new RepRepository(db.jdbi(), clock);
    for (DemoHistory.Rep r : history.reps()) {
      if (reps.find(r.email()).isEmpty()) {
        reps.create(new Rep(r.email(), r.name(), r.team(), true));
      }
    }
    // Every price version at once: one query instead of one per deal.
    List<Plan> versions = new Catalogue(db.jdbi(), clock).list();
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    db.jdbi()
        .useTransaction(
            h -> {
              Map<String, Long> leadIds = leadIdsByEmail(h);
              Map<String, Long> tenantIds = tenantIdsByDomain(h);
              Map<String, Long> repIds = new HashMap<>();
              h.createQuery("SELECT id, email FROM sales_rep")
                  .map((rs, ctx) -> Map.entry(rs.getString("email"), rs.getLong("id")))
                  .forEach(e -> repIds.put(e.getKey(), e.getValue()));
              List<DemoHistory.Lead> opened =
                  history.leads().stream()
                      .filter(
                          l ->
                              l.opportunityOn() != null
                                  && !l.opportunityOn().isAfter(history.today()))
                      .toList();
              PreparedBatch deals =
                  h.prepareBatch(
                      "INSERT INTO opportunity (lead_id, company, industry, region, channel,"
                          + " campaign, intent_grade, rep_id, plan_code, seats, amount, stage,"
                          + " opened_on, closed_on, lost_reason, sip_domain, tenant_id, created_at)"
                          + " VALUES (:lead, :company, :industry, :region, :channel, :campaign,"
                          + " :intent, :rep, :plan, :seats, :amount, :stage, :opened, :closed,"
                          + " :reason, :domain, :tenant, :at)");
              List<List<Entry>> histories = new ArrayList<>();
              for (DemoHistory.Lead l : opened) {
                String plan = l.seats() <= 10 ? "starter" : "business";
                BigDecimal amount =
                    priceOn(versions, plan, l.opportunityOn()).firstYearPrice(l.seats());
                List<Entry> path = path(l, history.today());
                Stage last = path.get(path.size() - 1).stage();
                boolean won = last == Stage.WON;
                DemoHistory.Customer c =
                    won && l.customer() >= 0 ? history.customers().get(l.customer()) : null;
                String domain = c == null ? null : c.domain();
                deals
                    .bind("lead", leadIds.get(l.email().toLowerCase(Locale.ROOT)))
                    .bind("company", l.company())
                    .bind("industry", l.industry())
                    .bind("region", l.region())
                    .bind("channel", l.channel())
                    // marketing keeps campaign codes in lower case
                    .bind(
                        "campaign",
                        l.campaign() == null ? null : l.campaign().toLowerCase(Locale.ROOT))
                    .bind("intent", String.valueOf(l.intent()))
                    .bind("rep", repIds.get(l.rep()))
                    .bind("plan", plan)
                    .bind("seats", l.seats())
                    .bind("amount", amount.setScale(2, RoundingMode.HALF_UP))
                    .bind("stage", last.wireName())
                    .bind("opened", l.opportunityOn())
                    .bind("closed", last.isOpen() ? null : l.closedOn())
                    .bind("reason", last == Stage.LOST ? l.lostReason() : null)
                    .bind("domain", domain)
                    .bind("tenant", domain == null ? null : tenantIds.get(domain))
                    .bind("at", now)
                    .add();
                histories.add(path);
              }
              List<Long> ids = deals.executePreparedBatch("id").mapTo(Long.class).list();
              PreparedBatch stages =
                  h.prepareBatch(
                      "INSERT INTO opportunity_stage (opportunity_id, stage, entered_on,"
                          + " recorded_at) VALUES (:id, :stage, :on, :at)");
              for (int i = 0; i < ids.size(); i++) {
                for (Entry e : histories.get(i)) {
                  stages
                      .bind("id", ids.get(i))
                      .bind("stage", e.stage().wireName())
                      .bind("on", e.on())
                      .bind("at", now)
                      .add();
                }
              }
              stages.execute();
              int referred = referrals(h, history, leadIds, tenantIds, now);
              LOG.info(
                  "sales demo: {} reps, {} opportunities, {} referrals in {} ms",
                  history.reps().size(),
                  ids.size(),
                  referred,
                  (System.nanoTime() - started) / 1_000_000);
            });
  }

  /** A stage and the day the deal entered it. */
  private record Entry(Stage stage, LocalDate on) {}

  /**
   * The stages a deal of the story went through by {@code today}: closed deals pass demo, proposal
   * and negotiation at a quarter, half and three quarters of their cycle (lost ones stop after the
   * proposal); open ones stand in the stage their elapsed share of the cycle reaches.
   */
  private static List<Entry> path(DemoHistory.Lead l, LocalDate today) {
    LocalDate opened = l.opportunityOn();
    LocalDate closed = l.closedOn();
    long cycle = ChronoUnit.DAYS.between(opened, closed);
    boolean isClosed = !closed.isAfter(today);
    boolean won = l.outcome() == DemoHistory.Stage.WON;
    int reached;
    if (isClosed) {
      reached = won ? 3 : 2;
    } else {
      long elapsed = ChronoUnit.DAYS.between(opened, today);
      reached = (int) Math.min(3, elapsed * 4 / Math.max(1, cycle));
    }
    List<Entry> out = new ArrayList<>();
    out.add(new Entry(Stage.QUALIFICATION, opened));
    List<Stage> middle = List.of(Stage.DEMO, Stage.PROPOSAL, Stage.NEGOTIATION);
    for (int i = 0; i < reached; i++) {
      out.add(new Entry(middle.get(i), opened.plusDays(cycle * (i + 1) / 4)));
    }
    if (isClosed) {
      out.add(new Entry(won ? Stage.WON : Stage.LOST, closed));
    }
    return out;
  }

  private static int referrals(
      Handle h,
      DemoHistory history,
      Map<String, Long> leadIds,
      Map<String, Long> tenantIds,
      OffsetDateTime now) {
    var batch =
        h.prepareBatch(
            "INSERT INTO referral (referrer_tenant_id, lead_id, referred_on, source, created_at)"
                + " VALUES (:t, :lead, :on, 'staff', :at)");
    int n = 0;
    for (DemoHistory.Lead l : history.leads()) {
      if (l.referredBy() < 0) {
        continue;
      }
      Long tenant = tenantIds.get(history.customers().get(l.referredBy()).domain());
      Long lead = leadIds.get(l.email().toLowerCase(Locale.ROOT));
      if (tenant == null || lead == null) {
        continue;
      }
      batch.bind("t", tenant).bind("lead", lead).bind("on", l.createdOn()).bind("at", now).add();
      n++;
    }
    if (n > 0) {
      batch.execute();
    }
    return n;
  }

  /** The version of {@code code} in force on {@code on}: the latest valid from then or before. */
  private static Plan priceOn(List<Plan> versions, String code, LocalDate on) {
    Plan found = null;
    for (Plan p : versions) {
      if (p.code().equals(code) && !p.validFrom().isAfter(on)) {
        found = p;
      }
    }
    if (found == null) {
      throw new IllegalStateException("the catalogue has no plan " + code + " on " + on);
    }
    return found;
  }

  private static Map<String, Long> leadIdsByEmail(Handle h) {
    Map<String, Long> out = new HashMap<>();
    h.createQuery("SELECT id, email FROM lead WHERE email IS NOT NULL AND merged_into IS NULL")
        .map(
            (rs, ctx) ->
                Map.entry(rs.getString("email").toLowerCase(Locale.ROOT), rs.getLong("id")))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static Map<String, Long> tenantIdsByDomain(Handle h) {
    Map<String, Long> out = new HashMap<>();
    h.createQuery("SELECT id, sip_domain FROM tenant")
        .map((rs, ctx) -> Map.entry(rs.getString("sip_domain"), rs.getLong("id")))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
