package dev.switchboard.bench.metrics;

import dev.switchboard.ops.billing.RevenueHistory;
import dev.switchboard.ops.metrics.BillingRevenue;
import dev.switchboard.ops.metrics.Grouping;
import dev.switchboard.ops.metrics.RevenueFacts;
import dev.switchboard.ops.metrics.SaasMetrics;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Every SaaS metric for a large billing history computed from scratch: read billing's tables
 * through {@link RevenueHistory}, then compute MRR and movements, retention, cohorts, unit
 * economics and 收益度, with and without grouping. Seeds the history first (customers on the starter
 * plan since 2016, renewing yearly, some churning, the rest of their ten invoices from seat
 * increases, each invoice paid unless the payment would fall after the as-of day).
 *
 * <pre>
 * java -Xmx2g -cp bench/target/benchmarks.jar dev.switchboard.bench.metrics.MetricsBenchmark \
 *   --url jdbc:h2:file:/tmp/mb/switchboard --customers 100000 --invoices 10 --runs 3
 * </pre>
 */
public final class MetricsBenchmark {

  static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);
  static final LocalDate FIRST = LocalDate.of(2016, 1, 1);
  static final BigDecimal SEAT = new BigDecimal("1000.00");
  static final BigDecimal SYSTEM_FEE = new BigDecimal("3000.00");
  static final String[] CHANNELS = {
    "trade_show", "open_class", "industry_salon", "door_to_door", "offline_ads", "partnership",
    "self_media", "website", "vertical_site", "search", "partner_promotion", "referral"
  };
  static final String[] INDUSTRIES = {
    "retail", "wholesale", "manufacturing", "logistics", "catering", "clinic", "education"
  };
  static final String[] TIERS = {"standard", "silver", "gold", "vip"};
  static final int BATCH = 5_000;

  private MetricsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String url = opt.getOrDefault("url", "jdbc:h2:mem:metrics");
    if (url.startsWith("jdbc:h2:") && !url.contains("MODE=")) {
      url += ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }
    if (url.startsWith("jdbc:postgresql:") && !url.contains("reWriteBatchedInserts")) {
      url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }
    int customers = Integer.parseInt(opt.getOrDefault("customers", "100000"));
    int invoices = Integer.parseInt(opt.getOrDefault("invoices", "10"));
    int runs = Integer.parseInt(opt.getOrDefault("runs", "3"));
    DatabaseSettings settings =
        new DatabaseSettings(url, opt.getOrDefault("user", "sa"), opt.getOrDefault("password", ""));
    if (Boolean.parseBoolean(opt.getOrDefault("repair", "false"))) {
      // A database seeded under an earlier edit of a migration: record the current checksums.
      org.flywaydb.core.Flyway.configure()
          .dataSource(settings.url(), settings.user(), settings.password())
          .locations("classpath:db/migration")
          .load()
          .repair();
    }
    try (Database db = Database.open(settings)) {
      long existing =
          db.jdbi()
              .withHandle(
                  h -> h.createQuery("SELECT COUNT(*) FROM tenant").mapTo(Long.class).one());
      if (existing == 0) {
        long t0 = System.nanoTime();
        long[] counts = db.jdbi().withHandle(h -> seed(h.getConnection(), customers, invoices));
        System.out.printf(
            "seeded %d customers, %d invoices, %d payments, %d subscription events in %.1f s%n",
            customers, counts[0], counts[1], counts[2], (System.nanoTime() - t0) / 1e9);
      } else {
        System.out.printf("database already holds %d tenants: measuring them%n", existing);
      }
      long invoiceRows =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT COUNT(*) FROM billing_invoice")
                          .mapTo(Long.class)
                          .one());
      System.out.printf("%s: %d invoices in the database%n", settings.redactedUrl(), invoiceRows);
      for (int run = 1; run <= runs; run++) {
        measure(db, run);
      }
    }
  }

  /** One from-scratch computation of every metric: load, build, compute; times and peak heap. */
  static void measure(Database db, int run) {
    System.gc();
    List<MemoryPoolMXBean> heap = new ArrayList<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
        heap.add(p);
      }
    }
    long before = heapUsed(heap, false);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long gc0 = gcMillis();
    long c0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    RevenueHistory history = RevenueHistory.load(db.jdbi(), AS_OF);
    long t1 = System.nanoTime();
    long c1 = threads.getCurrentThreadCpuTime();
    RevenueFacts facts = BillingRevenue.facts(history, BillingRevenue.DEFAULT_CURRENCY);
    SaasMetrics m = SaasMetrics.asOf(facts, AS_OF);
    long t2 = System.nanoTime();
    long c2 = threads.getCurrentThreadCpuTime();
    YearMonth to = m.asOfMonth();
    YearMonth year = to.minusMonths(11);
    YearMonth twoYears = to.minusMonths(23);
    int figures = 0;
    figures += m.mrr(to, to).size();
    figures += m.mrr(twoYears, to).size();
    figures += m.mrr(m.firstMonth(), to).size();
    figures += m.retention(year, to).termsEnded() >= 0 ? 1 : 0;
    figures += m.unitEconomics(year, to, SaasMetrics.DEFAULT_GROSS_MARGIN).customers() >= 0 ? 1 : 0;
    figures += m.cohorts(twoYears, to).size();
    figures += m.yields().size();
    for (Grouping g : Grouping.values()) {
      figures += m.yieldsBy(g).size();
    }
    long t3 = System.nanoTime();
    long c3 = threads.getCurrentThreadCpuTime();
    for (Grouping g : Grouping.values()) {
      for (SaasMetrics group : m.byGroup(g).values()) {
        figures += group.mrr(twoYears, to).size();
        figures += group.retention(year, to).termsEnded() >= 0 ? 1 : 0;
        figures +=
            group.unitEconomics(year, to, SaasMetrics.DEFAULT_GROSS_MARGIN).customers() >= 0
                ? 1
                : 0;
      }
    }
    long t4 = System.nanoTime();
    long c4 = threads.getCurrentThreadCpuTime();
    long peak = heapUsed(heap, true);
    System.out.printf(
        "run %d: load %.2f s (%d customers, %d spans, %d receipts, %d outcomes), build %.2f s,"
            + " ungrouped metrics %.2f s, grouped by tier/industry/channel %.2f s, total %.2f s;"
            + " heap before %d MB, peak %d MB; %d result rows; MRR %s;"
            + " CPU time of the measuring thread: load %.2f s, build %.2f s, ungrouped %.2f s,"
            + " grouped %.2f s, total %.2f s; GC %d ms%n",
        run,
        (t1 - t0) / 1e9,
        history.customers().size(),
        history.mrrSpans().size(),
        history.receipts().size(),
        history.termOutcomes().size(),
        (t2 - t1) / 1e9,
        (t3 - t2) / 1e9,
        (t4 - t3) / 1e9,
        (t4 - t0) / 1e9,
        before >> 20,
        peak >> 20,
        figures,
        m.mrr(to, to).get(0).mrr(),
        (c1 - c0) / 1e9,
        (c2 - c1) / 1e9,
        (c3 - c2) / 1e9,
        (c4 - c3) / 1e9,
        (c4 - c0) / 1e9,
        gcMillis() - gc0);
  }

  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += gc.getCollectionTime();
    }
    return sum;
  }

  private static long heapUsed(List<MemoryPoolMXBean> pools, boolean peak) {
    long sum = 0;
    for (MemoryPoolMXBean p : pools) {
      sum += peak ? p.getPeakUsage().getUsed() : p.getUsage().getUsed();
    }
    return sum;
  }

  /** Writes the history with explicit ids in JDBC batches; returns invoices, payments, events. */
  static long[] seed(Connection c, int customers, int invoicesEach) throws SQLException {
    c.setAutoCommit(false);
    Random r = new Random(20261125L);
    long planId;
    try (var s = c.createStatement();
        var rs = s.executeQuery("SELECT id FROM billing_plan WHERE code = 'starter'")) {
      rs.next();
      planId = rs.getLong(1);
    }
    OffsetDateTime now = OffsetDateTime.of(2026, 11, 25, 0, 0, 0, 0, ZoneOffset.UTC);
    PreparedStatement tenant =
        c.prepareStatement(
            "INSERT INTO tenant (id, sip_domain, name, status, industry, time_zone, created_at)"
                + " VALUES (?, ?, ?, ?, ?, 'Asia/Shanghai', ?)");
    PreparedStatement profile =
        c.prepareStatement(
            "INSERT INTO customer_profile (tenant_id, company, acquisition_channel,"
                + " acquisition_cost, acquired_on, tier, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    PreparedStatement subscription =
        c.prepareStatement(
            "INSERT INTO billing_subscription (id, tenant_id, plan_id, plan_code, currency,"
                + " system_fee, account_fee, service_fee, service_per_seat, recurring_flat,"
                + " recurring_per_seat, starts_on, seats, phase, term_start, term_end, auto_renew,"
                + " status, ends_on, created_at) VALUES (?, ?, ?, 'starter', 'CNY', 3000.00,"
                + " 1000.00, 1000.00, TRUE, 0.00, 1000.00, ?, ?, ?, ?, ?, TRUE, ?, ?, ?)");
    PreparedStatement event =
        c.prepareStatement(
            "INSERT INTO billing_subscription_event (id, subscription_id, tenant_id, kind,"
                + " effective_on, recorded_on, seats, phase, term_start, term_end,"
                + " annual_recurring, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    PreparedStatement invoice =
        c.prepareStatement(
            "INSERT INTO billing_invoice (id, invoice_no, tenant_id, subscription_id, issued_on,"
                + " due_on, currency, total, created_at) VALUES (?, ?, ?, ?, ?, ?, 'CNY', ?, ?)");
    PreparedStatement payment =
        c.prepareStatement(
            "INSERT INTO billing_payment (id, invoice_id, tenant_id, paid_on, amount, method,"
                + " created_at) VALUES (?, ?, ?, ?, ?, 'transfer', ?)");
    long[] ids = new long[3]; // invoices, payments, events
    int span = (int) ChronoUnit.DAYS.between(FIRST, AS_OF.minusDays(30));
    for (int i = 1; i <= customers; i++) {
      long id = i;
      LocalDate start = FIRST.plusDays(r.nextInt(span));
      int seats = 2 + r.nextInt(12);
      tenant.setLong(1, id);
      tenant.setString(2, "c" + id + ".bench.switchboard.test");
      tenant.setString(3, "Customer " + id);
      tenant.setString(4, "active");
      tenant.setString(5, INDUSTRIES[r.nextInt(INDUSTRIES.length)]);
      tenant.setObject(6, now);
      tenant.addBatch();
      profile.setLong(1, id);
      profile.setString(2, "Customer " + id);
      String channel = CHANNELS[r.nextInt(CHANNELS.length)];
      profile.setString(3, channel);
      profile.setBigDecimal(
          4,
          channel.equals("referral")
              ? BigDecimal.ZERO.setScale(2)
              : BigDecimal.valueOf(800 + r.nextInt(30_000), 2));
      profile.setDate(5, Date.valueOf(start.minusDays(r.nextInt(60))));
      profile.setString(6, TIERS[r.nextInt(TIERS.length)]);
      profile.setObject(7, now);
      profile.addBatch();

      // The terms: renew yearly while the term ends by the as-of day, unless the customer leaves.
      List<LocalDate> renewals = new ArrayList<>();
      LocalDate termStart = start;
      LocalDate churnOn = null;
      while (!termStart.plusYears(1).isAfter(AS_OF) && renewals.size() < invoicesEach - 1) {
        LocalDate next = termStart.plusYears(1);
        if (r.nextInt(100) < 9) {
          churnOn = next;
          break;
        }
        renewals.add(next);
        termStart = next;
      }
      LocalDate paidUntil = churnOn != null ? churnOn : AS_OF;
      int changes = invoicesEach - 1 - renewals.size();
      TreeSet<LocalDate> changeDays = new TreeSet<>();
      long days = ChronoUnit.DAYS.between(start, paidUntil);
      for (int k = 0; k < changes * 4 && changeDays.size() < changes && days > 2; k++) {
        LocalDate d = start.plusDays(1 + r.nextInt((int) days - 1));
        if (!renewals.contains(d)) {
          changeDays.add(d);
        }
      }
      String finalStatus = churnOn == null ? "active" : "cancelled";
      subscription.setLong(1, id);
      subscription.setLong(2, id);
      subscription.setLong(3, planId);
      subscription.setDate(4, Date.valueOf(start));
      subscription.setInt(5, seats + changeDays.size());
      subscription.setString(6, renewals.isEmpty() ? "first_year" : "annual");
      subscription.setDate(7, Date.valueOf(termStart));
      subscription.setDate(8, Date.valueOf(termStart.plusYears(1)));
      subscription.setString(9, finalStatus);
      subscription.setDate(10, churnOn == null ? null : Date.valueOf(churnOn));
      subscription.setObject(11, now);
      subscription.addBatch();

      // Walk the life in date order: subscribe, seat increases and renewals, perhaps a cancel.
      int n = seats;
      LocalDate ts = start;
      String phase = "first_year";
      addEvent(event, ids, id, "subscribe", start, start, n, phase, ts, now);
      addInvoice(
          invoice,
          payment,
          ids,
          id,
          start,
          SYSTEM_FEE.add(SEAT.multiply(BigDecimal.valueOf(n))),
          r,
          now);
      int renewal = 0;
      for (LocalDate d : changeDays) {
        while (renewal < renewals.size() && !renewals.get(renewal).isAfter(d)) {
          ts = renewals.get(renewal++);
          phase = "annual";
          addEvent(event, ids, id, "renew", ts, ts, n, phase, ts, now);
          addInvoice(invoice, payment, ids, id, ts, SEAT.multiply(BigDecimal.valueOf(n)), r, now);
        }
        n += 1;
        addEvent(event, ids, id, "seats", d, d, n, phase, ts, now);
        long left = ChronoUnit.DAYS.between(d, ts.plusYears(1));
        long term = ChronoUnit.DAYS.between(ts, ts.plusYears(1));
        BigDecimal prorated =
            SEAT.multiply(BigDecimal.valueOf(left))
                .divide(BigDecimal.valueOf(term), 2, RoundingMode.HALF_UP);
        addInvoice(invoice, payment, ids, id, d, prorated, r, now);
      }
      while (renewal < renewals.size()) {
        ts = renewals.get(renewal++);
        phase = "annual";
        addEvent(event, ids, id, "renew", ts, ts, n, phase, ts, now);
        addInvoice(invoice, payment, ids, id, ts, SEAT.multiply(BigDecimal.valueOf(n)), r, now);
      }
      if (churnOn != null) {
        event.setLong(1, ++ids[2]);
        event.setLong(2, id);
        event.setLong(3, id);
        event.setString(4, "cancel");
        event.setDate(5, Date.valueOf(churnOn));
        event.setDate(6, Date.valueOf(churnOn.minusDays(30)));
        event.setInt(7, n);
        event.setString(8, phase);
        event.setDate(9, Date.valueOf(ts));
        event.setDate(10, Date.valueOf(ts.plusYears(1)));
        event.setBigDecimal(11, BigDecimal.ZERO.setScale(2));
        event.setObject(12, now);
        event.addBatch();
      }
      if (i % BATCH == 0 || i == customers) {
        for (PreparedStatement p :
            List.of(tenant, profile, subscription, event, invoice, payment)) {
          p.executeBatch();
        }
        c.commit();
      }
    }
    c.setAutoCommit(true);
    return new long[] {ids[0], ids[1], ids[2]};
  }

  private static void addEvent(
      PreparedStatement event,
      long[] ids,
      long id,
      String kind,
      LocalDate on,
      LocalDate recorded,
      int seats,
      String phase,
      LocalDate termStart,
      OffsetDateTime now)
      throws SQLException {
    event.setLong(1, ++ids[2]);
    event.setLong(2, id);
    event.setLong(3, id);
    event.setString(4, kind);
    event.setDate(5, Date.valueOf(on));
    event.setDate(6, Date.valueOf(recorded));
    event.setInt(7, seats);
    event.setString(8, phase);
    event.setDate(9, Date.valueOf(termStart));
    event.setDate(10, Date.valueOf(termStart.plusYears(1)));
    event.setBigDecimal(11, SEAT.multiply(BigDecimal.valueOf(seats)));
    event.setObject(12, now);
    event.addBatch();
  }

  private static void addInvoice(
      PreparedStatement invoice,
      PreparedStatement payment,
      long[] ids,
      long tenant,
      LocalDate issued,
      BigDecimal total,
      Random r,
      OffsetDateTime now)
      throws SQLException {
    long no = ++ids[0];
    invoice.setLong(1, no);
    invoice.setString(2, "B-" + no);
    invoice.setLong(3, tenant);
    invoice.setLong(4, tenant);
    invoice.setDate(5, Date.valueOf(issued));
    invoice.setDate(6, Date.valueOf(issued.plusDays(30)));
    invoice.setBigDecimal(7, total);
    invoice.setObject(8, now);
    invoice.addBatch();
    LocalDate paid = issued.plusDays(r.nextInt(45));
    if (!paid.isAfter(AS_OF)) {
      payment.setLong(1, ++ids[1]);
      payment.setLong(2, no);
      payment.setLong(3, tenant);
      payment.setDate(4, Date.valueOf(paid));
      payment.setBigDecimal(5, total);
      payment.setObject(6, now);
      payment.addBatch();
    }
  }
}
