package dev.switchboard.console.sales;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.JsonBody;
import dev.switchboard.console.http.CsvResponse;
import dev.switchboard.console.http.PathId;
import dev.switchboard.console.http.QueryString;
import dev.switchboard.ops.billing.Invoice;
import dev.switchboard.ops.billing.Invoices;
import dev.switchboard.ops.billing.Subscription;
import dev.switchboard.ops.billing.Subscriptions;
import dev.switchboard.ops.sales.BillingDesk;
import dev.switchboard.ops.sales.Breakdown;
import dev.switchboard.ops.sales.LeadBook;
import dev.switchboard.ops.sales.Opportunity;
import dev.switchboard.ops.sales.OpportunityRepository;
import dev.switchboard.ops.sales.Period;
import dev.switchboard.ops.sales.Pipeline;
import dev.switchboard.ops.sales.ReferralRepository;
import dev.switchboard.ops.sales.Rep;
import dev.switchboard.ops.sales.RepRepository;
import dev.switchboard.ops.sales.RepScore;
import dev.switchboard.ops.sales.SalesReports;
import dev.switchboard.ops.sales.Stage;
import dev.switchboard.store.Database;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The sales department's routes under {@code /api/v1/sales}: reps, opportunities and their moves,
 * the pipeline board, leaderboards, the customer breakdown and referrals. Every list is also CSV
 * with {@code format=csv}.
 */
public final class SalesRoutes {

  private final Pipeline pipeline;
  private final SalesReports reports;
  private final RepRepository reps;
  private final ReferralRepository referrals;
  private final TenantRepository tenants;
  private final Subscriptions subscriptions;
  private final Invoices invoices;
  private final ObjectMapper mapper;

  SalesRoutes(Database db, ObjectMapper mapper, Clock clock, LeadBook leads, BillingDesk billing) {
    this.pipeline = new Pipeline(db, clock, leads, billing);
    this.reports = new SalesReports(db, clock);
    this.reps = new RepRepository(db.jdbi(), clock);
    this.referrals = new ReferralRepository(db.jdbi(), clock);
    this.tenants = new TenantRepository(db.jdbi());
    this.subscriptions = new Subscriptions(db.jdbi(), clock);
    this.invoices = new Invoices(db.jdbi(), clock);
    this.mapper = mapper;
  }

  public static void register(JavalinConfig cfg, Database db, ObjectMapper mapper, Clock clock) {
    new SalesRoutes(db, mapper, clock, SalesLinks.leads(db, clock), SalesLinks.billing(db, clock))
        .register(cfg.routes);
  }

  void register(RoutesConfig r) {
    r.get("/api/v1/sales/reps", this::listReps);
    r.post("/api/v1/sales/reps", this::createRep);
    r.patch("/api/v1/sales/reps/{email}", this::patchRep);
    r.get("/api/v1/sales/opportunities", this::listDeals);
    r.post("/api/v1/sales/opportunities", this::openDeal);
    r.get("/api/v1/sales/opportunities/{id}", this::getDeal);
    r.patch("/api/v1/sales/opportunities/{id}", this::patchDeal);
    r.post("/api/v1/sales/opportunities/{id}/stage", this::advance);
    r.post("/api/v1/sales/opportunities/{id}/win", this::win);
    r.post("/api/v1/sales/opportunities/{id}/lose", this::lose);
    r.post("/api/v1/sales/opportunities/{id}/refund", this::refund);
    r.get("/api/v1/sales/opportunities/{id}/customer", this::customer);
    r.get("/api/v1/sales/pipeline", this::board);
    r.get("/api/v1/sales/leaderboard", this::leaderboard);
    r.get("/api/v1/sales/teams", this::teams);
    r.get("/api/v1/sales/breakdown", this::breakdown);
    r.get("/api/v1/sales/referrals", this::listReferrals);
    r.post("/api/v1/sales/referrals", this::createReferral);
    r.get("/api/v1/sales/referral-counts", this::referralCounts);
    r.get("/api/v1/sales/customers/{domain}/referrals", this::customerReferrals);
  }

  // --- reps

  private static final CsvResponse<Rep> REP_CSV =
      new CsvResponse<Rep>()
          .col("email", Rep::email)
          .col("name", Rep::name)
          .col("team", Rep::team)
          .col("active", Rep::active);

  private void listReps(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of("team"));
    String team = q.text("team");
    List<Rep> list =
        reps.list().stream().filter(x -> team == null || x.team().equals(team)).toList();
    if (q.csv()) {
      REP_CSV.send(ctx, "sales-reps", list);
    } else {
      ctx.json(list);
    }
  }

  private void createRep(Context ctx) {
    JsonBody b =
        JsonBody.parse(mapper, ctx.bodyAsBytes(), Set.of("email", "name", "team", "active"));
    Boolean active = b.bool("active");
    Rep rep =
        reps.create(
            new Rep(
                b.requiredNonBlank("email"),
                b.requiredNonBlank("name"),
                b.requiredNonBlank("team"),
                active == null || active));
    ctx.status(HttpStatus.CREATED).json(rep);
  }

  private void patchRep(Context ctx) {
    JsonBody b = JsonBody.parse(mapper, ctx.bodyAsBytes(), Set.of("name", "team", "active"));
    Rep old = reps.get(ctx.pathParam("email"));
    String name = b.text("name");
    String team = b.text("team");
    Boolean active = b.bool("active");
    ctx.json(
        reps.update(
            new Rep(
                old.email(),
                name == null ? old.name() : name,
                team == null ? old.team() : team,
                active == null ? old.active() : active)));
  }

  // --- opportunities

  private void listDeals(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of("stage", "rep", "team", "open"));
    String stage = q.text("stage");
    List<OpportunityView> list =
        pipeline
            .deals()
            .list(
                new OpportunityRepository.Filter(
                    stage == null ? null : Stage.parse(stage),
                    q.text("rep"),
                    q.text("team"),
                    q.bool("open")))
            .stream()
            .map(OpportunityView::of)
            .toList();
    if (q.csv()) {
      OpportunityView.CSV.send(ctx, "sales-opportunities", list);
    } else {
      ctx.json(list);
    }
  }

  private static final Set<String> OPEN_FIELDS =
      Set.of(
          "leadId",
          "company",
          "industry",
          "region",
          "channel",
          "campaign",
          "intent",
          "rep",
          "plan",
          "seats",
          "openedOn");

  private void openDeal(Context ctx) {
    JsonBody b = JsonBody.parse(mapper, ctx.bodyAsBytes(), OPEN_FIELDS);
    Opportunity o =
        pipeline.open(
            new Pipeline.Opening(
                b.longValue("leadId"),
                b.text("company"),
                b.text("industry"),
                b.text("region"),
                b.text("channel"),
                b.text("campaign"),
                b.text("intent"),
                b.text("rep"),
                b.text("plan"),
                b.integer("seats"),
                b.date("openedOn")));
    ctx.status(HttpStatus.CREATED)
        .header("Location", "/api/v1/sales/opportunities/" + o.id())
        .json(OpportunityView.of(o, pipeline.deals().history(o.id())));
  }

  private void getDeal(Context ctx) {
    QueryString.listing(ctx, Set.of());
    long id = PathId.of(ctx);
    ctx.json(OpportunityView.of(pipeline.deals().get(id), pipeline.deals().history(id)));
  }

  private void patchDeal(Context ctx) {
    JsonBody b = JsonBody.parse(mapper, ctx.bodyAsBytes(), Set.of("rep", "plan", "seats"));
    long id = PathId.of(ctx);
    pipeline.change(id, b.text("rep"), b.text("plan"), b.integer("seats"));
    getDeal(ctx);
  }

  private void advance(Context ctx) {
    JsonBody b = JsonBody.parse(mapper, ctx.bodyAsBytes(), Set.of("stage", "on"));
    long id = PathId.of(ctx);
    pipeline.advance(id, Stage.parse(b.requiredNonBlank("stage")), b.date("on"));
    getDeal(ctx);
  }

  private void win(Context ctx) {
    JsonBody b = JsonBody.parse(mapper, ctx.bodyAsBytes(), Set.of("on", "domain"));
    long id = PathId.of(ctx);
    pipeline.win(id, b.date("on"), b.text("domain"));
    getDeal(ctx);
  }

  private void lose(Context ctx) {
    JsonBody b = JsonBody.parse(mapper, ctx.bodyAsBytes(), Set.of("on", "reason"));
    long id = PathId.of(ctx);
    pipeline.lose(id, b.date("on"), b.text("reason"));
    getDeal(ctx);
  }

  private void refund(Context ctx) {
    JsonBody b = JsonBody.parse(mapper, ctx.bodyAsBytes(), Set.of("on", "reason"));
    long id = PathId.of(ctx);
    pipeline.refund(id, b.date("on"), b.text("reason"));
    getDeal(ctx);
  }

  /** What winning a deal made: the tenant, its subscription and its invoices so far. */
  record CustomerView(
      String domain,
      String name,
      String tenantStatus,
      String plan,
      int seats,
      LocalDate startsOn,
      String subscriptionStatus,
      int invoices,
      String firstInvoice,
      BigDecimal firstInvoiceTotal) {}

  private void customer(Context ctx) {
    QueryString.listing(ctx, Set.of());
    Opportunity o = pipeline.deals().get(PathId.of(ctx));
    if (o.domain() == null) {
      throw new NotFoundException("id", "deal " + o.id() + " has no customer (not won)");
    }
    Tenant tenant = tenants.get(o.domain());
    Subscription sub = subscriptions.get(o.domain());
    List<Invoice> list = invoices.ofTenant(sub.tenantId(), pipeline.today());
    Invoice first = list.stream().min(Comparator.comparing(Invoice::issuedOn)).orElse(null);
    ctx.json(
        new CustomerView(
            tenant.domain(),
            tenant.name(),
            tenant.status().wireName(),
            sub.planCode(),
            sub.seats(),
            sub.startsOn(),
            sub.status().wireName(),
            list.size(),
            first == null ? null : first.number(),
            first == null ? null : first.total()));
  }

  /** A column of the board as JSON. */
  record ColumnView(String stage, int count, BigDecimal amount, List<OpportunityView> deals) {}

  private void board(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of("team"));
    List<ColumnView> cols =
        reports.board(q.text("team")).stream()
            .map(
                c ->
                    new ColumnView(
                        c.stage().wireName(),
                        c.count(),
                        c.amount(),
                        c.deals().stream().map(OpportunityView::of).toList()))
            .toList();
    if (q.csv()) {
      new CsvResponse<ColumnView>()
          .col("stage", ColumnView::stage)
          .col("count", ColumnView::count)
          .col("amount", ColumnView::amount)
          .send(ctx, "sales-pipeline", cols);
    } else {
      ctx.json(cols);
    }
  }

  // --- KPIs

  private static final CsvResponse<RepScore> SCORE_CSV =
      new CsvResponse<RepScore>()
          .col("key", RepScore::key)
          .col("name", RepScore::name)
          .col("team", RepScore::team)
          .col("heads", RepScore::heads)
          .col("opened", RepScore::opened)
          .col("won", RepScore::won)
          .col("lost", RepScore::lost)
          .col("wonAmount", RepScore::wonAmount)
          .col("dealsPerHead", RepScore::dealsPerHead)
          .col("averageOrderValue", RepScore::averageOrderValue)
          .col("medianCycleDays", RepScore::medianCycleDays)
          .col("conversionRate", RepScore::conversionRate)
          .col("refunds", RepScore::refunds)
          .col("refundAmount", RepScore::refundAmount);

  private void leaderboard(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of("from", "to"));
    List<RepScore> list = reports.leaderboard(period(q, pipeline.today()));
    sendScores(ctx, q, "sales-leaderboard", list);
  }

  private void teams(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of("from", "to"));
    sendScores(ctx, q, "sales-teams", reports.teams(period(q, pipeline.today())));
  }

  private static void sendScores(Context ctx, QueryString q, String name, List<RepScore> list) {
    if (q.csv()) {
      SCORE_CSV.send(ctx, name, list);
    } else {
      ctx.json(list);
    }
  }

  private void breakdown(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of("by", "from", "to"));
    String by = q.text("by");
    Breakdown.Dimension dim = Breakdown.Dimension.parse(by == null ? "channel" : by);
    Period period = period(q, pipeline.today());
    List<Breakdown.Row> rows = reports.breakdown(dim, period, pipeline.today());
    if (q.csv()) {
      new CsvResponse<Breakdown.Row>()
          .col(dim.wireName(), Breakdown.Row::key)
          .col("opportunities", Breakdown.Row::opportunities)
          .col("won", Breakdown.Row::won)
          .col("lost", Breakdown.Row::lost)
          .col("open", Breakdown.Row::open)
          .col("winRate", Breakdown.Row::winRate)
          .col("medianCycleDays", Breakdown.Row::medianCycleDays)
          .col("refunded", Breakdown.Row::refunded)
          .col("refundRate", Breakdown.Row::refundRate)
          .col("wonAmount", Breakdown.Row::wonAmount)
          .col("referrals", Breakdown.Row::referrals)
          .col("referralsPerCustomer", Breakdown.Row::referralsPerCustomer)
          .send(ctx, "sales-breakdown-" + dim.wireName(), rows);
    } else {
      ctx.json(rows);
    }
  }

  // --- referrals

  /** A referral in JSON. */
  record ReferralView(String referrer, long leadId, LocalDate referredOn, String source) {
    static ReferralView of(ReferralRepository.Referral r) {
      return new ReferralView(r.referrer(), r.leadId(), r.referredOn(), r.source().wireName());
    }
  }

  private void listReferrals(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of("referrer"));
    List<ReferralView> list =
        referrals.list(q.text("referrer")).stream().map(ReferralView::of).toList();
    if (q.csv()) {
      new CsvResponse<ReferralView>()
          .col("referrer", ReferralView::referrer)
          .col("leadId", ReferralView::leadId)
          .col("referredOn", ReferralView::referredOn)
          .col("source", ReferralView::source)
          .send(ctx, "sales-referrals", list);
    } else {
      ctx.json(list);
    }
  }

  private void createReferral(Context ctx) {
    JsonBody b =
        JsonBody.parse(mapper, ctx.bodyAsBytes(), Set.of("referrer", "leadId", "on", "source"));
    Long lead = b.longValue("leadId");
    if (lead == null) {
      throw new InvalidValueException("leadId", "leadId is required");
    }
    LocalDate on = b.date("on");
    String source = b.text("source");
    ReferralRepository.Referral r =
        referrals.record(
            new ReferralRepository.Referral(
                tenants.get(b.requiredNonBlank("referrer")).domain(),
                lead,
                on == null ? pipeline.today() : on,
                source == null
                    ? ReferralRepository.Source.STAFF
                    : ReferralRepository.Source.parse(source)));
    ctx.status(HttpStatus.CREATED).json(ReferralView.of(r));
  }

  private void referralCounts(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of("asOf"));
    LocalDate asOf = q.date("asOf");
    List<ReferralRepository.Count> list = referrals.counts(asOf == null ? pipeline.today() : asOf);
    if (q.csv()) {
      new CsvResponse<ReferralRepository.Count>()
          .col("domain", ReferralRepository.Count::domain)
          .col("referrals", ReferralRepository.Count::referrals)
          .send(ctx, "sales-referral-counts", list);
    } else {
      ctx.json(list);
    }
  }

  private void customerReferrals(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of("asOf"));
    LocalDate asOf = q.date("asOf");
    String domain = tenants.get(ctx.pathParam("domain")).domain();
    ctx.json(
        new ReferralRepository.Count(
            domain, referrals.countFor(domain, asOf == null ? pipeline.today() : asOf)));
  }

  /** from/to (both optional, days included); without them, all time up to today. */
  private static Period period(QueryString q, LocalDate today) {
    return new Period(q.date("from", LocalDate.of(2000, 1, 1)), q.date("to", today));
  }
}
