package dev.switchboard.console.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.metrics.MetricsParams.Window;
import dev.switchboard.console.metrics.MetricsReports.CohortReport;
import dev.switchboard.console.metrics.MetricsReports.CustomerYieldPage;
import dev.switchboard.console.metrics.MetricsReports.GroupYieldReport;
import dev.switchboard.console.metrics.MetricsReports.MrrGroup;
import dev.switchboard.console.metrics.MetricsReports.MrrReport;
import dev.switchboard.console.metrics.MetricsReports.RetentionGroup;
import dev.switchboard.console.metrics.MetricsReports.RetentionReport;
import dev.switchboard.console.metrics.MetricsReports.Summary;
import dev.switchboard.console.metrics.MetricsReports.UnitEconomicsGroup;
import dev.switchboard.console.metrics.MetricsReports.UnitEconomicsReport;
import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.ops.metrics.BillingRevenue;
import dev.switchboard.ops.metrics.CustomerYield;
import dev.switchboard.ops.metrics.Grouping;
import dev.switchboard.ops.metrics.MrrMonth;
import dev.switchboard.ops.metrics.Retention;
import dev.switchboard.ops.metrics.RevenueSource;
import dev.switchboard.ops.metrics.SaasMetrics;
import dev.switchboard.ops.metrics.UnitEconomics;
import dev.switchboard.store.Database;
import dev.switchboard.store.InvalidValueException;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/metrics/…}: every SaaS metric as of any past day ({@code asOf}), over a window of
 * months ({@code from}, {@code to}) and broken down by tier, industry or channel ({@code groupBy})
 * where that makes sense. Each request computes from the billing facts afresh.
 */
public final class MetricsRoutes {

  /** Calendar days are business days in China (docs/metrics.md). */
  private static final Set<String> WINDOW = Set.of("asOf", "from", "to", "groupBy");

  private static final Set<String> ECONOMICS =
      Set.of("asOf", "from", "to", "groupBy", "grossMargin");
  private static final Set<String> COHORTS = Set.of("asOf", "from", "to");
  private static final Set<String> CUSTOMERS = Set.of("asOf", "limit", "offset");
  private static final Set<String> GROUPS = Set.of("asOf", "groupBy");
  private static final Set<String> SUMMARY = Set.of("asOf", "grossMargin");

  private final RevenueSource source;
  private final Clock clock;

  MetricsRoutes(RevenueSource source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  public static void register(JavalinConfig cfg, Database db, ObjectMapper mapper, Clock clock) {
    new MetricsRoutes(new BillingRevenue(db.jdbi(), BillingRevenue.DEFAULT_CURRENCY), clock)
        .register(cfg.routes);
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/metrics/summary", this::summary);
    routes.get("/api/v1/metrics/mrr", this::mrr);
    routes.get("/api/v1/metrics/retention", this::retention);
    routes.get("/api/v1/metrics/cohorts", this::cohorts);
    routes.get("/api/v1/metrics/unit-economics", this::unitEconomics);
    routes.get("/api/v1/metrics/yield/customers", this::customerYields);
    routes.get("/api/v1/metrics/yield/groups", this::groupYields);
  }

  private LocalDate today() {
    return BusinessCalendar.BUSINESS.today(clock);
  }

  private SaasMetrics metrics(LocalDate asOf) {
    return SaasMetrics.asOf(source.load(asOf), asOf);
  }

  private static String name(Grouping g) {
    return g == null ? null : g.name().toLowerCase(Locale.ROOT);
  }

  private void summary(Context ctx) {
    MetricsParams p = MetricsParams.of(ctx, SUMMARY);
    LocalDate asOf = p.asOf(today());
    BigDecimal margin = p.grossMargin(SaasMetrics.DEFAULT_GROSS_MARGIN);
    SaasMetrics m = metrics(asOf);
    YearMonth to = m.asOfMonth();
    // Twelve months back, but not before the month after the first paying month: GRR and NRR
    // need customers at the window's start.
    YearMonth from = to.minusMonths(11);
    YearMonth earliest = m.firstMonth().plusMonths(1);
    if (from.isBefore(earliest)) {
      from = earliest.isAfter(to) ? to : earliest;
    }
    MrrMonth now = m.mrr(to, to).get(0);
    Retention r = m.retention(from, to);
    UnitEconomics u = m.unitEconomics(from, to, margin);
    ctx.json(
        new Summary(
            asOf,
            now.date(),
            from,
            to,
            now.mrr(),
            now.arr(),
            now.customers(),
            now.arpa(),
            now.netNewMrr(),
            r.logoChurnPercent(),
            r.revenueChurnPercent(),
            r.grrPercent(),
            r.nrrPercent(),
            r.renewalPercent(),
            u.predictiveLtv(),
            u.cac(),
            u.ltvToCac(),
            u.cacPaybackMonths()));
  }

  private void mrr(Context ctx) {
    MetricsParams p = MetricsParams.of(ctx, WINDOW);
    LocalDate asOf = p.asOf(today());
    Window w = p.window(asOf);
    Grouping g = p.groupBy();
    SaasMetrics m = metrics(asOf);
    List<MrrGroup> groups = null;
    if (g != null) {
      groups = new ArrayList<>();
      for (Map.Entry<String, SaasMetrics> e : m.byGroup(g).entrySet()) {
        groups.add(new MrrGroup(e.getKey(), e.getValue().mrr(w.from(), w.to())));
      }
    }
    ctx.json(new MrrReport(asOf, w.from(), w.to(), name(g), m.mrr(w.from(), w.to()), groups));
  }

  private void retention(Context ctx) {
    MetricsParams p = MetricsParams.of(ctx, WINDOW);
    LocalDate asOf = p.asOf(today());
    Window w = p.window(asOf);
    Grouping g = p.groupBy();
    SaasMetrics m = metrics(asOf);
    List<RetentionGroup> groups = null;
    if (g != null) {
      groups = new ArrayList<>();
      for (Map.Entry<String, SaasMetrics> e : m.byGroup(g).entrySet()) {
        groups.add(new RetentionGroup(e.getKey(), e.getValue().retention(w.from(), w.to())));
      }
    }
    ctx.json(new RetentionReport(asOf, name(g), m.retention(w.from(), w.to()), groups));
  }

  private void cohorts(Context ctx) {
    MetricsParams p = MetricsParams.of(ctx, COHORTS);
    LocalDate asOf = p.asOf(today());
    Window w = p.window(asOf);
    ctx.json(new CohortReport(asOf, w.from(), w.to(), metrics(asOf).cohorts(w.from(), w.to())));
  }

  private void unitEconomics(Context ctx) {
    MetricsParams p = MetricsParams.of(ctx, ECONOMICS);
    LocalDate asOf = p.asOf(today());
    Window w = p.window(asOf);
    Grouping g = p.groupBy();
    BigDecimal margin = p.grossMargin(SaasMetrics.DEFAULT_GROSS_MARGIN);
    SaasMetrics m = metrics(asOf);
    List<UnitEconomicsGroup> groups = null;
    if (g != null) {
      groups = new ArrayList<>();
      for (Map.Entry<String, SaasMetrics> e : m.byGroup(g).entrySet()) {
        groups.add(
            new UnitEconomicsGroup(
                e.getKey(), e.getValue().unitEconomics(w.from(), w.to(), margin)));
      }
    }
    ctx.json(
        new UnitEconomicsReport(asOf, name(g), m.unitEconomics(w.from(), w.to(), margin), groups));
  }

  private void customerYields(Context ctx) {
    MetricsParams p = MetricsParams.of(ctx, CUSTOMERS);
    LocalDate asOf = p.asOf(today());
    int limit = p.integer("limit", 100, 1, 1000);
    int offset = p.integer("offset", 0, 0, Integer.MAX_VALUE);
    List<CustomerYield> all = metrics(asOf).yields();
    List<CustomerYield> page =
        offset >= all.size()
            ? List.of()
            : all.subList(offset, Math.min(all.size(), offset + limit));
    ctx.json(new CustomerYieldPage(asOf, all.size(), limit, offset, List.copyOf(page)));
  }

  private void groupYields(Context ctx) {
    MetricsParams p = MetricsParams.of(ctx, GROUPS);
    LocalDate asOf = p.asOf(today());
    Grouping g = p.groupBy();
    if (g == null) {
      throw new InvalidValueException("groupBy", "groupBy is required: tier, industry or channel");
    }
    ctx.json(new GroupYieldReport(asOf, name(g), metrics(asOf).yieldsBy(g)));
  }
}
