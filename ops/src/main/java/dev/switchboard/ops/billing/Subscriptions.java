package dev.switchboard.ops.billing;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.tenant.TenantRepository;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Sells and changes subscriptions: subscribe (with the first-year invoice), seat changes prorated
 * by day, cancellation at term end or immediately with a prorated refund, reactivation and renewal.
 * Every change is written to the subscription's dated history in the same transaction.
 */
public final class Subscriptions {

  /** The most seats one subscription may have. */
  public static final int MAX_SEATS = 100_000;

  private final Jdbi jdbi;
  private final Clock clock;

  public Subscriptions(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** A subscription with the invoice a change issued (null when it issued none). */
  public record Change(Subscription subscription, Invoice invoice, List<CreditNote> credits) {}

  private LocalDate today() {
    return BusinessCalendar.BUSINESS.today(clock);
  }

  static void requireSeats(int seats) {
    if (seats < 1 || seats > MAX_SEATS) {
      throw new InvalidValueException("seats", "seats must be between 1 and " + MAX_SEATS);
    }
  }

  /** The subscription of the tenant with {@code domain}, as it stands today. */
  public Subscription get(String domain) {
    return jdbi.withHandle(h -> current(h, tenantId(h, domain), today()));
  }

  /** The subscription of a tenant id, if any. */
  public Optional<Subscription> find(long tenantId) {
    return jdbi.withHandle(h -> find(h, tenantId, today()));
  }

  /** The dated history of the subscription of {@code domain}, oldest first. */
  public List<SubscriptionEvent> history(String domain) {
    return jdbi.withHandle(
        h -> {
          long t = tenantId(h, domain);
          return h.createQuery(
                  "SELECT * FROM billing_subscription_event WHERE tenant_id = :t"
                      + " ORDER BY effective_on, id")
              .bind("t", t)
              .map((rs, ctx) -> event(rs))
              .list();
        });
  }

  /**
   * Subscribes a tenant to {@code planCode} (the price version valid on {@code startsOn}) and
   * issues the first-year invoice dated {@code startsOn}. The sales department calls this when an
   * opportunity is won.
   */
  public Change subscribe(
      long tenantId, String planCode, int seats, LocalDate startsOn, boolean autoRenew) {
    return jdbi.inTransaction(
        h -> subscribe(h, tenantId, planCode, seats, startsOn, autoRenew, today(), clock));
  }

  /** {@link #subscribe(long, String, int, LocalDate, boolean)} by tenant domain. */
  public Change subscribe(
      String domain, String planCode, int seats, LocalDate startsOn, boolean autoRenew) {
    return jdbi.inTransaction(
        h ->
            subscribe(
                h, tenantId(h, domain), planCode, seats, startsOn, autoRenew, today(), clock));
  }

  /** {@link #subscribe(long, String, int, LocalDate, boolean)} inside the caller's transaction. */
  public static Change subscribe(
      Handle h,
      long tenantId,
      String planCode,
      int seats,
      LocalDate startsOn,
      boolean autoRenew,
      LocalDate recordedOn,
      Clock clock) {
    requireSeats(seats);
    if (startsOn == null) {
      throw new InvalidValueException("startsOn", "startsOn is required");
    }
    if (planCode == null || planCode.isBlank()) {
      throw new InvalidValueException("planCode", "planCode is required");
    }
    Plan plan = Catalogue.get(h, planCode.trim(), startsOn);
    if (find(h, tenantId, startsOn).isPresent()) {
      throw new DuplicateException(
          "tenant", "the tenant has a subscription; change or reactivate it instead");
    }
    Prices p = plan.prices();
    p.requireStorable(seats);
    LocalDate termEnd = startsOn.plusYears(1);
    long id =
        h.createUpdate(
                "INSERT INTO billing_subscription (tenant_id, plan_id, plan_code, currency,"
                    + " system_fee, account_fee, service_fee, service_per_seat, recurring_flat,"
                    + " recurring_per_seat, starts_on, seats, phase, term_start, term_end,"
                    + " auto_renew, status, created_at) VALUES (:t, :plan, :code, :cur, :sys,"
                    + " :acc, :svc, :perSeat, :rf, :rps, :start, :seats, 'first_year', :start,"
                    + " :end, :auto, 'active', :now)")
            .bind("t", tenantId)
            .bind("plan", plan.id())
            .bind("code", plan.code())
            .bind("cur", p.currency())
            .bind("sys", p.systemFee())
            .bind("acc", p.accountFee())
            .bind("svc", p.serviceFee())
            .bind("perSeat", p.servicePerSeat())
            .bind("rf", p.recurringFlat())
            .bind("rps", p.recurringPerSeat())
            .bind("start", startsOn)
            .bind("seats", seats)
            .bind("end", termEnd)
            .bind("auto", autoRenew)
            .bind("now", Invoices.now(clock))
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    Subscription s = byId(h, id, startsOn);
    record(h, s, "subscribe", startsOn, recordedOn, clock);
    Invoice invoice =
        Invoices.issue(
            h,
            tenantId,
            id,
            startsOn,
            p.currency(),
            firstYearLines(p, seats, startsOn, termEnd),
            Invoices.NET_DAYS,
            clock);
    return new Change(s, invoice, List.of());
  }

  /**
   * The first-year lines: the system fee and the account fee per seat, each split into its
   * recurring part and its one-time set-up part where the plan says so.
   */
  static List<Invoices.NewLine> firstYearLines(
      Prices p, int seats, LocalDate from, LocalDate termEnd) {
    List<Invoices.NewLine> lines = new ArrayList<>();
    LocalDate to = termEnd.minusDays(1);
    BigDecimal n = BigDecimal.valueOf(seats);
    BigDecimal setUp = p.systemFee().subtract(p.recurringFlat());
    if (setUp.signum() > 0) {
      lines.add(
          new Invoices.NewLine(
              "first_year", "System fee (one-time set-up)", from, to, 0, setUp, setUp, false));
    }
    if (p.recurringFlat().signum() > 0) {
      lines.add(
          new Invoices.NewLine(
              "first_year",
              "System fee (recurring part)",
              from,
              to,
              0,
              p.recurringFlat(),
              p.recurringFlat(),
              true));
    }
    if (p.recurringPerSeat().signum() > 0) {
      lines.add(
          new Invoices.NewLine(
              "first_year",
              "Account fee per seat (recurring part)",
              from,
              to,
              seats,
              p.recurringPerSeat(),
              p.recurringPerSeat().multiply(n),
              true));
    }
    BigDecimal seatSetUp = p.accountFee().subtract(p.recurringPerSeat());
    if (seatSetUp.signum() > 0) {
      lines.add(
          new Invoices.NewLine(
              "first_year",
              "Account fee per seat (one-time set-up)",
              from,
              to,
              seats,
              seatSetUp,
              seatSetUp.multiply(n),
              false));
    }
    if (lines.isEmpty()) {
      lines.add(
          new Invoices.NewLine(
              "first_year", "First year", from, to, seats, Money.ZERO, Money.ZERO, false));
    }
    return lines;
  }

  /**
   * Changes the seats from day {@code on}: more seats are invoiced and fewer credited, for the rest
   * of the term at the current phase's seat price ({@link Proration}).
   */
  public Change changeSeats(String domain, int seats, LocalDate on) {
    return jdbi.inTransaction(h -> changeSeats(h, tenantId(h, domain), seats, on, today(), clock));
  }

  /** {@link #changeSeats(String, int, LocalDate)} inside the caller's transaction. */
  public static Change changeSeats(
      Handle h, long tenantId, int seats, LocalDate on, LocalDate recordedOn, Clock clock) {
    requireSeats(seats);
    if (on == null) {
      throw new InvalidValueException("effectiveOn", "effectiveOn is required");
    }
    Subscription s = lock(h, tenantId, on);
    if (s.status() == SubscriptionStatus.CANCELLED) {
      throw new InvalidValueException("seats", "the subscription is cancelled");
    }
    if (on.isBefore(s.termStart()) || !on.isBefore(s.termEnd())) {
      throw new InvalidValueException(
          "effectiveOn",
          "a seat change must fall in the current term " + s.termStart() + " – " + s.termEnd());
    }
    if (s.endsOn() != null && !on.isBefore(s.endsOn())) {
      throw new InvalidValueException("effectiveOn", "the subscription ends on " + s.endsOn());
    }
    s.prices().requireStorable(seats);
    int delta = seats - s.seats();
    if (delta == 0) {
      throw new InvalidValueException("seats", "the subscription already has " + seats + " seats");
    }
    h.createUpdate("UPDATE billing_subscription SET seats = :n WHERE id = :id")
        .bind("n", seats)
        .bind("id", s.id())
        .execute();
    Subscription after = byId(h, s.id(), on);
    record(h, after, "seats", on, recordedOn, clock);
    Proration pr = new Proration(s.termStart(), s.termEnd(), on);
    BigDecimal unit = s.prices().seatPrice(s.phase());
    BigDecimal amount = pr.of(unit.multiply(BigDecimal.valueOf(Math.abs(delta))));
    if (amount.signum() == 0) {
      return new Change(after, null, List.of());
    }
    if (delta > 0) {
      Invoice invoice =
          Invoices.issue(
              h,
              tenantId,
              s.id(),
              on,
              s.prices().currency(),
              List.of(
                  new Invoices.NewLine(
                      "proration",
                      "Added seats, " + pr.remainingDays() + "/" + pr.termDays() + " days",
                      on,
                      s.termEnd().minusDays(1),
                      delta,
                      unit,
                      amount,
                      s.phase() == Phase.ANNUAL
                          || s.prices().accountFee().compareTo(s.prices().recurringPerSeat())
                              == 0)),
              Invoices.NET_DAYS,
              clock);
      return new Change(after, invoice, List.of());
    }
    List<CreditNote> credits =
        creditTerm(h, s, on, amount, "Removed seats, " + pr.remainingDays() + " days unused");
    return new Change(after, null, credits);
  }

  /** Credits {@code amount} against the current term's invoices, newest first. */
  private static List<CreditNote> creditTerm(
      Handle h, Subscription s, LocalDate on, BigDecimal amount, String reason) {
    List<Long> ids =
        h.createQuery(
                "SELECT id FROM billing_invoice WHERE subscription_id = :s AND issued_on >= :from"
                    + " AND issued_on <= :on ORDER BY issued_on DESC, id DESC")
            .bind("s", s.id())
            .bind("from", s.termStart())
            .bind("on", on)
            .mapTo(Long.class)
            .list();
    List<CreditNote> out = new ArrayList<>();
    BigDecimal left = amount;
    for (long id : ids) {
      if (left.signum() == 0) {
        break;
      }
      Invoice i = Invoices.byId(h, id, Invoices.END_OF_TIME);
      BigDecimal creditable = i.total().subtract(i.credited());
      if (creditable.signum() <= 0) {
        continue;
      }
      BigDecimal c = creditable.min(left);
      out.add(Payments.creditNote(h, id, on, c, reason));
      left = left.subtract(c);
    }
    return out;
  }

  /**
   * Cancels: at the end of the term (nothing is refunded, service runs until then), or from day
   * {@code on} with the unused part of the term's recurring charge credited and, where paid,
   * refunded. The one-time set-up fee is never refunded.
   */
  public Change cancel(String domain, boolean immediately, LocalDate on) {
    return jdbi.inTransaction(h -> cancel(h, tenantId(h, domain), immediately, on, today(), clock));
  }

  /** {@link #cancel(String, boolean, LocalDate)} inside the caller's transaction. */
  public static Change cancel(
      Handle h,
      long tenantId,
      boolean immediately,
      LocalDate on,
      LocalDate recordedOn,
      Clock clock) {
    LocalDate day = on == null ? recordedOn : on;
    Subscription s = lock(h, tenantId, day);
    if (s.status() != SubscriptionStatus.ACTIVE) {
      throw new InvalidValueException(
          "status", "the subscription is already " + s.status().wireName());
    }
    if (!immediately) {
      h.createUpdate(
              "UPDATE billing_subscription SET status = 'cancelling', ends_on = term_end,"
                  + " auto_renew = FALSE WHERE id = :id")
          .bind("id", s.id())
          .execute();
      Subscription after = byId(h, s.id(), day);
      record(h, after, "cancel", s.termEnd(), recordedOn, clock);
      return new Change(after, null, List.of());
    }
    if (day.isBefore(s.termStart()) || !day.isBefore(s.termEnd())) {
      throw new InvalidValueException(
          "effectiveOn", "an immediate cancellation must fall in the current term");
    }
    Proration pr = new Proration(s.termStart(), s.termEnd(), day);
    BigDecimal unused =
        pr.of(
            s.phase() == Phase.FIRST_YEAR
                ? s.prices().accountFee().multiply(BigDecimal.valueOf(s.seats()))
                : s.prices().annual(s.seats()));
    h.createUpdate(
            "UPDATE billing_subscription SET status = 'cancelled', ends_on = :on,"
                + " auto_renew = FALSE WHERE id = :id")
        .bind("on", day)
        .bind("id", s.id())
        .execute();
    Subscription after = byId(h, s.id(), day);
    record(h, after, "cancel", day, recordedOn, clock);
    List<CreditNote> credits =
        unused.signum() > 0
            ? creditTerm(h, s, day, unused, "Cancelled, " + pr.remainingDays() + " days unused")
            : List.of();
    return new Change(after, null, credits);
  }

  /**
   * Undoes a cancellation: before the paid period ends this withdraws it (nothing is invoiced);
   * after, a new annual term starts on {@code on} with its invoice.
   */
  public Change reactivate(String domain, LocalDate on) {
    return jdbi.inTransaction(h -> reactivate(h, tenantId(h, domain), on, today(), clock));
  }

  /** {@link #reactivate(String, LocalDate)} inside the caller's transaction. */
  public static Change reactivate(
      Handle h, long tenantId, LocalDate on, LocalDate recordedOn, Clock clock) {
    LocalDate day = on == null ? recordedOn : on;
    Subscription s = lock(h, tenantId, day);
    switch (s.status()) {
      case ACTIVE -> throw new InvalidValueException("status", "the subscription is active");
      case CANCELLING -> {
        h.createUpdate(
                "UPDATE billing_subscription_event SET revoked_on = :on WHERE subscription_id ="
                    + " :s AND kind = 'cancel' AND revoked_on IS NULL")
            .bind("on", recordedOn)
            .bind("s", s.id())
            .execute();
        h.createUpdate(
                "UPDATE billing_subscription SET status = 'active', ends_on = NULL,"
                    + " auto_renew = TRUE WHERE id = :id")
            .bind("id", s.id())
            .execute();
        Subscription after = byId(h, s.id(), day);
        record(h, after, "uncancel", day, recordedOn, clock);
        return new Change(after, null, List.of());
      }
      case CANCELLED -> {
        LocalDate end = day.plusYears(1);
        h.createUpdate(
                "UPDATE billing_subscription SET status = 'active', ends_on = NULL,"
                    + " auto_renew = TRUE, phase = 'annual', term_start = :from, term_end = :to"
                    + " WHERE id = :id")
            .bind("from", day)
            .bind("to", end)
            .bind("id", s.id())
            .execute();
        Subscription after = byId(h, s.id(), day);
        record(h, after, "reactivate", day, recordedOn, clock);
        return new Change(after, termInvoice(h, after, clock), List.of());
      }
      default -> throw new IllegalStateException();
    }
  }

  /**
   * Renews for another year from the term end, in the annual phase, and issues that year's invoice
   * dated the term end. Allowed from 30 days before the term end.
   */
  public Change renew(String domain) {
    return jdbi.inTransaction(h -> renew(h, tenantId(h, domain), today(), clock));
  }

  /** {@link #renew(String)} inside the caller's transaction. */
  public static Change renew(Handle h, long tenantId, LocalDate recordedOn, Clock clock) {
    Subscription s = lock(h, tenantId, recordedOn);
    if (s.status() != SubscriptionStatus.ACTIVE) {
      throw new InvalidValueException(
          "status", "only an active subscription renews; this one is " + s.status().wireName());
    }
    if (recordedOn.isBefore(s.termEnd().minusDays(30))) {
      throw new InvalidValueException(
          "termEnd", "renewal opens 30 days before the term ends on " + s.termEnd());
    }
    LocalDate from = s.termEnd();
    h.createUpdate(
            "UPDATE billing_subscription SET phase = 'annual', term_start = :from,"
                + " term_end = :to WHERE id = :id")
        .bind("from", from)
        .bind("to", from.plusYears(1))
        .bind("id", s.id())
        .execute();
    Subscription after = byId(h, s.id(), from);
    record(h, after, "renew", from, recordedOn, clock);
    return new Change(after, termInvoice(h, after, clock), List.of());
  }

  /** Renews every active auto-renewing subscription whose term ended on or before {@code asOf}. */
  public int renewDue(LocalDate asOf) {
    return jdbi.inTransaction(
        h -> {
          List<Long> tenants =
              h.createQuery(
                      "SELECT tenant_id FROM billing_subscription WHERE status = 'active' AND"
                          + " auto_renew = TRUE AND term_end <= :d")
                  .bind("d", asOf)
                  .mapTo(Long.class)
                  .list();
          int n = 0;
          for (long t : tenants) {
            while (lock(h, t, asOf).termEnd().compareTo(asOf) <= 0) {
              renew(h, t, asOf, clock);
              n++;
            }
          }
          return n;
        });
  }

  private static Invoice termInvoice(Handle h, Subscription s, Clock clock) {
    Prices p = s.prices();
    int seats = p.servicePerSeat() ? s.seats() : 1;
    return Invoices.issue(
        h,
        s.tenantId(),
        s.id(),
        s.termStart(),
        p.currency(),
        List.of(
            new Invoices.NewLine(
                "annual",
                p.servicePerSeat() ? "Annual service fee per seat" : "Annual service fee",
                s.termStart(),
                s.termEnd().minusDays(1),
                seats,
                p.serviceFee(),
                p.annual(s.seats()),
                true)),
        Invoices.NET_DAYS,
        clock);
  }

  private static void record(
      Handle h,
      Subscription s,
      String kind,
      LocalDate effectiveOn,
      LocalDate recordedOn,
      Clock clock) {
    BigDecimal annual = kind.equals("cancel") ? Money.ZERO : s.annualRecurring();
    h.createUpdate(
            "INSERT INTO billing_subscription_event (subscription_id, tenant_id, kind,"
                + " effective_on, recorded_on, seats, phase, term_start, term_end,"
                + " annual_recurring, created_at) VALUES (:s, :t, :kind, :eff, :rec, :seats,"
                + " :phase, :ts, :te, :annual, :now)")
        .bind("s", s.id())
        .bind("t", s.tenantId())
        .bind("kind", kind)
        .bind("eff", effectiveOn)
        .bind("rec", recordedOn)
        .bind("seats", s.seats())
        .bind("phase", s.phase().wireName())
        .bind("ts", s.termStart())
        .bind("te", s.termEnd())
        .bind("annual", annual)
        .bind("now", Invoices.now(clock))
        .execute();
  }

  static long tenantId(Handle h, String domain) {
    return TenantRepository.idOf(h, domain).orElseThrow(() -> TenantRepository.notFound(domain));
  }

  private static Subscription lock(Handle h, long tenantId, LocalDate on) {
    int n =
        h.createUpdate("UPDATE billing_subscription SET seats = seats WHERE tenant_id = :t")
            .bind("t", tenantId)
            .execute();
    if (n == 0) {
      throw new NotFoundException("subscription", "the tenant has no subscription");
    }
    return find(h, tenantId, on).orElseThrow();
  }

  static Optional<Subscription> find(Handle h, long tenantId, LocalDate on) {
    return h.createQuery(SELECT + " WHERE s.tenant_id = :t")
        .bind("t", tenantId)
        .map((rs, ctx) -> map(rs, on))
        .findOne();
  }

  /** The tenant's subscription as of {@code on}, read inside the caller's transaction. */
  public static Subscription current(Handle h, long tenantId, LocalDate on) {
    return find(h, tenantId, on)
        .orElseThrow(() -> new NotFoundException("subscription", "the tenant has no subscription"));
  }

  private static Subscription byId(Handle h, long id, LocalDate on) {
    return h.createQuery(SELECT + " WHERE s.id = :id")
        .bind("id", id)
        .map((rs, ctx) -> map(rs, on))
        .one();
  }

  /** Subscriptions whose term ends in [from, to), with the tenant domain: the renewal calendar. */
  public List<Subscription> endingBetween(LocalDate from, LocalDate to) {
    LocalDate today = today();
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    SELECT
                        + " WHERE s.term_end >= :from AND s.term_end < :to"
                        + " ORDER BY s.term_end, t.sip_domain")
                .bind("from", from)
                .bind("to", to)
                .map((rs, ctx) -> map(rs, today))
                .list());
  }

  private static final String SELECT =
      "SELECT s.*, t.sip_domain FROM billing_subscription s JOIN tenant t ON t.id = s.tenant_id";

  /** A cancelling subscription whose paid period ended by {@code on} reads as cancelled. */
  private static Subscription map(ResultSet rs, LocalDate on) throws SQLException {
    Prices p =
        new Prices(
            rs.getString("currency"),
            rs.getBigDecimal("system_fee"),
            rs.getBigDecimal("account_fee"),
            rs.getBigDecimal("service_fee"),
            rs.getBoolean("service_per_seat"),
            rs.getBigDecimal("recurring_flat"),
            rs.getBigDecimal("recurring_per_seat"));
    SubscriptionStatus status = SubscriptionStatus.parse(rs.getString("status"));
    LocalDate endsOn = rs.getObject("ends_on", LocalDate.class);
    if (status == SubscriptionStatus.CANCELLING && endsOn != null && !on.isBefore(endsOn)) {
      status = SubscriptionStatus.CANCELLED;
    }
    Phase phase = Phase.parse(rs.getString("phase"));
    int seats = rs.getInt("seats");
    BigDecimal mrr =
        status == SubscriptionStatus.CANCELLED
            ? Money.ZERO
            : Prices.monthly(p.annualRecurring(phase, seats));
    return new Subscription(
        rs.getLong("id"),
        rs.getLong("tenant_id"),
        rs.getString("sip_domain"),
        rs.getString("plan_code"),
        p,
        rs.getObject("starts_on", LocalDate.class),
        seats,
        phase,
        rs.getObject("term_start", LocalDate.class),
        rs.getObject("term_end", LocalDate.class),
        rs.getBoolean("auto_renew"),
        status,
        endsOn,
        mrr);
  }

  static SubscriptionEvent event(ResultSet rs) throws SQLException {
    return new SubscriptionEvent(
        rs.getLong("id"),
        rs.getLong("subscription_id"),
        rs.getLong("tenant_id"),
        rs.getString("kind"),
        rs.getObject("effective_on", LocalDate.class),
        rs.getObject("recorded_on", LocalDate.class),
        rs.getObject("revoked_on", LocalDate.class),
        rs.getInt("seats"),
        Phase.parse(rs.getString("phase")),
        rs.getObject("term_start", LocalDate.class),
        rs.getObject("term_end", LocalDate.class),
        rs.getBigDecimal("annual_recurring"));
  }
}
