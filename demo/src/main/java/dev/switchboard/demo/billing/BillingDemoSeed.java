package dev.switchboard.demo.billing;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.DemoHistory.Campaign;
import dev.switchboard.demo.DemoHistory.ChannelProfile;
import dev.switchboard.demo.DemoHistory.Customer;
import dev.switchboard.demo.DemoHistory.Lead;
import dev.switchboard.demo.DemoHistory.SeatChange;
import dev.switchboard.demo.DemoHistory.Stage;
import dev.switchboard.demo.DemoSeed;
import dev.switchboard.ops.billing.Invoice;
import dev.switchboard.ops.billing.Payments;
import dev.switchboard.ops.billing.Subscription;
import dev.switchboard.ops.billing.SubscriptionStatus;
import dev.switchboard.ops.billing.Subscriptions;
import dev.switchboard.ops.customer.CustomerProfile;
import dev.switchboard.ops.customer.CustomerProfiles;
import dev.switchboard.store.Database;
import dev.switchboard.store.tenant.TenantRepository;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The demo's billing: one tenant and customer_profile per customer of the story, its subscription
 * with seat changes, renewals, churn (cancelled at term end) and reactivation, and the invoices
 * paid after the story's payment delays (a negative delay is never paid and ends up overdue). All
 * in one transaction; skipped when the first customer's tenant already exists.
 */
public final class BillingDemoSeed implements DemoSeed {

  @Override
  public void seed(Database db, DemoHistory history) {
    if (history.customers().isEmpty()) {
      return;
    }
    db.jdbi()
        .useTransaction(
            h -> {
              if (TenantRepository.idOf(h, history.customers().get(0).domain()).isPresent()) {
                return;
              }
              Map<String, Long> ids = tenantsAndProfiles(h, history);
              Clock clock = Clock.systemUTC();
              for (Customer c : history.customers()) {
                new Life(h, c, ids.get(c.domain()), history.today(), clock).live();
              }
            });
  }

  /** Inserts every tenant and profile in two batches and returns the tenant ids by domain. */
  private static Map<String, Long> tenantsAndProfiles(Handle h, DemoHistory history) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    PreparedBatch tenants =
        h.prepareBatch(
            "INSERT INTO tenant (sip_domain, name, status, industry, time_zone, created_at,"
                + " routing_mode) VALUES (:d, :n, :s, :i, 'Asia/Shanghai', :at, 'proxy')");
    PreparedBatch changes =
        h.prepareBatch(
            "INSERT INTO directory_change (sip_domain, user_part, changed_at)"
                + " VALUES (:d, NULL, :at)");
    for (Customer c : history.customers()) {
      tenants
          .bind("d", c.domain())
          .bind("n", c.company())
          .bind("s", activeOn(c, history.today()) ? "active" : "suspended")
          .bind("i", c.industry())
          .bind("at", c.startedOn().atStartOfDay().atOffset(ZoneOffset.ofHours(8)))
          .add();
      changes.bind("d", c.domain()).bind("at", now).add();
    }
    tenants.execute();
    changes.execute();
    Map<String, Long> ids = new HashMap<>();
    h.createQuery("SELECT id, sip_domain FROM tenant")
        .map((rs, ctx) -> Map.entry(rs.getString("sip_domain"), rs.getLong("id")))
        .forEach(e -> ids.put(e.getKey(), e.getValue()));
    Map<String, BigDecimal> costs = acquisitionCosts(history);
    CustomerProfiles.insertAll(
        h,
        history.customers().stream()
            .map(
                c ->
                    new CustomerProfile(
                        ids.get(c.domain()),
                        c.company(),
                        c.region(),
                        c.size(),
                        c.channel(),
                        c.campaign(),
                        costs.get(c.domain()),
                        c.startedOn(),
                        c.rep(),
                        null))
            .toList(),
        now);
    return ids;
  }

  /**
   * What winning each customer cost: its campaign's actual cost shared by the customers won from
   * it; without a campaign, the channel's cost per lead ÷ the channel's lead→won rate in the story.
   */
  static Map<String, BigDecimal> acquisitionCosts(DemoHistory history) {
    Map<String, Integer> wonPerCampaign = new HashMap<>();
    for (Customer c : history.customers()) {
      if (c.campaign() != null) {
        wonPerCampaign.merge(c.campaign(), 1, Integer::sum);
      }
    }
    Map<String, int[]> leadsAndWins = new HashMap<>();
    for (Lead l : history.leads()) {
      int[] n = leadsAndWins.computeIfAbsent(l.channel(), k -> new int[2]);
      n[0]++;
      if (l.outcome() == Stage.WON && l.customer() >= 0) {
        n[1]++;
      }
    }
    Map<String, BigDecimal> campaignCost = new HashMap<>();
    for (Campaign c : history.campaigns()) {
      campaignCost.put(c.code(), c.actualCost());
    }
    Map<String, BigDecimal> perLead = new HashMap<>();
    for (ChannelProfile c : history.channels()) {
      perLead.put(c.code(), c.costPerLead());
    }
    Map<String, BigDecimal> out = new HashMap<>();
    for (Customer c : history.customers()) {
      BigDecimal cost = null;
      if (c.campaign() != null && campaignCost.containsKey(c.campaign())) {
        cost =
            campaignCost
                .get(c.campaign())
                .divide(
                    BigDecimal.valueOf(wonPerCampaign.get(c.campaign())), 2, RoundingMode.HALF_UP);
      } else {
        int[] n = leadsAndWins.get(c.channel());
        BigDecimal costPerLead = perLead.getOrDefault(c.channel(), BigDecimal.ZERO);
        if (n != null && n[1] > 0) {
          // cost per lead ÷ (wins / leads) = cost per lead × leads / wins
          cost =
              costPerLead
                  .multiply(BigDecimal.valueOf(n[0]))
                  .divide(BigDecimal.valueOf(n[1]), 2, RoundingMode.HALF_UP);
        }
      }
      out.put(c.domain(), cost);
    }
    return out;
  }

  /** Whether the customer is a paying customer on {@code today}. */
  static boolean activeOn(Customer c, LocalDate today) {
    List<LocalDate> churns = churnDates(c);
    LocalDate lastChurn = churns.isEmpty() ? null : churns.get(churns.size() - 1);
    if (lastChurn == null || today.isBefore(lastChurn)) {
      return true;
    }
    return c.reactivatedOn() != null
        && c.reactivatedOn().isAfter(lastChurn)
        && !today.isBefore(c.reactivatedOn());
  }

  /**
   * The term ends at which the customer left, oldest first. The story keeps only the last churn;
   * when it falls after a reactivation, the first one was the last anniversary of the start more
   * than eight weeks before the reactivation (the story reactivates no sooner).
   */
  static List<LocalDate> churnDates(Customer c) {
    List<LocalDate> out = new ArrayList<>();
    if (c.churnedOn() == null) {
      return out;
    }
    if (c.reactivatedOn() != null && c.churnedOn().isAfter(c.reactivatedOn())) {
      LocalDate limit = c.reactivatedOn().minusWeeks(8);
      LocalDate first = null;
      for (int y = 1; !c.startedOn().plusYears(y).isAfter(limit); y++) {
        first = c.startedOn().plusYears(y);
      }
      if (first != null) {
        out.add(first);
      }
    }
    out.add(c.churnedOn());
    return out;
  }

  /** One customer's billing life replayed in date order. */
  private static final class Life {
    final Handle h;
    final Customer c;
    final long tenantId;
    final LocalDate today;
    final Clock clock;
    final List<Integer> delays;
    int nextDelay;

    /** The delay of the current term's invoice: seat-change invoices are paid alike. */
    int termDelay;

    Life(Handle h, Customer c, long tenantId, LocalDate today, Clock clock) {
      this.h = h;
      this.c = c;
      this.tenantId = tenantId;
      this.today = today;
      this.clock = clock;
      this.delays = c.paymentDelays();
    }

    void live() {
      if (c.startedOn().isAfter(today)) {
        return;
      }
      TreeSet<LocalDate> churns = new TreeSet<>(churnDates(c));
      Invoice first =
          Subscriptions.subscribe(
                  h,
                  tenantId,
                  c.plan(),
                  c.initialSeats(),
                  c.startedOn(),
                  true,
                  c.startedOn(),
                  clock)
              .invoice();
      payTerm(first);
      List<SeatChange> changes = c.seatChanges();
      int next = 0;
      LocalDate termEnd = c.startedOn().plusYears(1);
      boolean active = true;
      while (true) {
        SeatChange sc = next < changes.size() ? changes.get(next) : null;
        if (sc != null && sc.on().isAfter(today)) {
          sc = null;
        }
        boolean termFirst =
            active && !termEnd.isAfter(today) && (sc == null || !termEnd.isAfter(sc.on()));
        if (termFirst) {
          if (churns.contains(termEnd)) {
            Subscriptions.cancel(h, tenantId, false, termEnd, termEnd.minusDays(1), clock);
            active = false;
            LocalDate back = c.reactivatedOn();
            if (back != null && back.isAfter(termEnd) && !back.isAfter(today)) {
              payTerm(Subscriptions.reactivate(h, tenantId, back, back, clock).invoice());
              termEnd = back.plusYears(1);
              active = true;
            }
          } else {
            payTerm(Subscriptions.renew(h, tenantId, termEnd, clock).invoice());
            termEnd = termEnd.plusYears(1);
          }
          continue;
        }
        if (sc == null) {
          break;
        }
        next++;
        Subscription s = Subscriptions.current(h, tenantId, sc.on());
        if (!active
            || s.status() != SubscriptionStatus.ACTIVE
            || sc.on().isBefore(s.termStart())
            || !sc.on().isBefore(s.termEnd())
            || sc.seats() == s.seats()) {
          continue;
        }
        Invoice extra =
            Subscriptions.changeSeats(h, tenantId, sc.seats(), sc.on(), sc.on(), clock).invoice();
        if (extra != null) {
          pay(extra, termDelay);
        }
      }
    }

    private void payTerm(Invoice invoice) {
      // A term the story never reached a payment for (it ended in the last days) stays unpaid.
      termDelay = nextDelay < delays.size() ? delays.get(nextDelay) : Integer.MIN_VALUE;
      nextDelay++;
      pay(invoice, termDelay);
    }

    private void pay(Invoice invoice, int delay) {
      if (delay < 0) {
        return;
      }
      LocalDate on = invoice.issuedOn().plusDays(delay);
      if (on.isAfter(today)) {
        return;
      }
      // A fresh invoice, paid in full once: no need to read it back before paying.
      Payments.insertPayment(h, invoice, on, invoice.total(), "bank_transfer", null);
    }
  }
}
