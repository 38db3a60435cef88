package dev.switchboard.console.billing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.JsonBody;
import dev.switchboard.console.billing.BillingViews.AccountView;
import dev.switchboard.console.billing.BillingViews.BalanceView;
import dev.switchboard.console.billing.BillingViews.ChangeView;
import dev.switchboard.console.billing.BillingViews.CreditNoteView;
import dev.switchboard.console.billing.BillingViews.CustomerView;
import dev.switchboard.console.billing.BillingViews.EventView;
import dev.switchboard.console.billing.BillingViews.InvoiceDetailView;
import dev.switchboard.console.billing.BillingViews.InvoicePageView;
import dev.switchboard.console.billing.BillingViews.InvoiceView;
import dev.switchboard.console.billing.BillingViews.PaymentView;
import dev.switchboard.console.billing.BillingViews.PlanView;
import dev.switchboard.console.billing.BillingViews.QuoteView;
import dev.switchboard.console.billing.BillingViews.RefundView;
import dev.switchboard.console.billing.BillingViews.RenewalMonthView;
import dev.switchboard.console.billing.BillingViews.RenewalView;
import dev.switchboard.console.billing.BillingViews.SubscriptionView;
import dev.switchboard.console.http.CsvResponse;
import dev.switchboard.console.http.Dates;
import dev.switchboard.console.http.ImportRunner;
import dev.switchboard.console.http.PathId;
import dev.switchboard.console.http.QueryString;
import dev.switchboard.ops.billing.Balance;
import dev.switchboard.ops.billing.BillingImport;
import dev.switchboard.ops.billing.Catalogue;
import dev.switchboard.ops.billing.CustomerAccount;
import dev.switchboard.ops.billing.Invoice;
import dev.switchboard.ops.billing.InvoiceStatus;
import dev.switchboard.ops.billing.Invoices;
import dev.switchboard.ops.billing.Money;
import dev.switchboard.ops.billing.Payments;
import dev.switchboard.ops.billing.Plan;
import dev.switchboard.ops.billing.Subscription;
import dev.switchboard.ops.billing.Subscriptions;
import dev.switchboard.store.Database;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.csv.CsvLine;
import dev.switchboard.store.tenant.TenantRepository;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** The billing department's routes under {@code /api/v1/billing}. */
public final class BillingRoutes {

  private static final String BASE = "/api/v1/billing";
  private static final Set<String> PLAN_FIELDS =
      Set.of(
          "code",
          "name",
          "currency",
          "validFrom",
          "systemFee",
          "accountFee",
          "serviceFee",
          "servicePerSeat",
          "recurringFlat",
          "recurringPerSeat");
  private static final int MAX_LIMIT = 500;

  private final Database db;
  private final ObjectMapper decimals;
  private final Catalogue catalogue;
  private final Subscriptions subscriptions;
  private final Invoices invoices;
  private final Payments payments;
  private final ImportRunner<BillingImportJob> imports;
  private final BillingImport importer;

  private BillingRoutes(Database db, ObjectMapper mapper, Clock clock) {
    this.db = db;
    this.decimals = mapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    this.catalogue = new Catalogue(db.jdbi(), clock);
    this.subscriptions = new Subscriptions(db.jdbi(), clock);
    this.invoices = new Invoices(db.jdbi(), clock);
    this.payments = new Payments(db.jdbi());
    this.importer = new BillingImport(db.jdbi(), clock);
    this.imports = new ImportRunner<>("billing-import", BillingImportJob::id);
  }

  public static void register(JavalinConfig cfg, Database db, ObjectMapper mapper, Clock clock) {
    BillingRoutes r = new BillingRoutes(db, mapper, clock);
    var routes = cfg.routes;
    routes.get(BASE + "/plans", r::plans);
    routes.post(BASE + "/plans", r::createPlan);
    routes.post(BASE + "/plans/{id}/versions", r::addVersion);
    routes.get(BASE + "/quote", r::quote);
    routes.get(BASE + "/customers", r::customers);
    routes.get(BASE + "/customers/{domain}", r::account);
    routes.post(BASE + "/customers/{domain}/subscription", r::subscribe);
    routes.post(BASE + "/customers/{domain}/subscription/seats", r::changeSeats);
    routes.post(BASE + "/customers/{domain}/subscription/cancel", r::cancel);
    routes.post(BASE + "/customers/{domain}/subscription/reactivate", r::reactivate);
    routes.post(BASE + "/customers/{domain}/subscription/renew", r::renew);
    routes.get(BASE + "/invoices", r::listInvoices);
    routes.get(BASE + "/invoices.csv", r::exportInvoices);
    routes.get(BASE + "/invoices/{id}", r::invoice);
    routes.post(BASE + "/invoices/{id}/payments", r::pay);
    routes.post(BASE + "/invoices/{id}/credit-notes", r::creditNote);
    routes.post(BASE + "/payments/{id}/refunds", r::refund);
    routes.get(BASE + "/renewals", r::renewals);
    routes.post(BASE + "/import", r::startImport);
    routes.get(BASE + "/import/{id}", r::importStatus);
  }

  private LocalDate today() {
    return invoices.today();
  }

  private LocalDate asOf(Context ctx) {
    String v = ctx.queryParam("asOf");
    return v == null || v.isBlank() ? today() : Dates.parse("asOf", v);
  }

  private static QueryString onlyParams(Context ctx, Set<String> allowed) {
    return QueryString.of(ctx, allowed);
  }

  // An empty body reads as {} here: every billing body field without a default is checked anyway.
  private JsonBody body(Context ctx, Set<String> allowed) {
    return JsonBody.parseOrEmpty(decimals, ctx.bodyAsBytes(), allowed);
  }

  // Plans

  private void plans(Context ctx) {
    onlyParams(ctx, Set.of());
    ctx.json(catalogue.list().stream().map(PlanView::of).toList());
  }

  private Plan planFrom(JsonBody b, String code) {
    BigDecimal rf = b.decimal("recurringFlat");
    BigDecimal rps = b.decimal("recurringPerSeat");
    return new Plan(
        0,
        code,
        b.requiredNonBlank("name"),
        b.text("currency"),
        b.requiredDate("validFrom"),
        b.requiredDecimal("systemFee"),
        b.requiredDecimal("accountFee"),
        b.requiredDecimal("serviceFee"),
        Objects.requireNonNullElse(b.bool("servicePerSeat"), true),
        rf,
        rps == null && rf != null ? Money.ZERO : rps);
  }

  private void createPlan(Context ctx) {
    JsonBody b = body(ctx, PLAN_FIELDS);
    Plan p = catalogue.create(planFrom(b, b.requiredNonBlank("code")));
    ctx.status(HttpStatus.CREATED).json(PlanView.of(p));
  }

  private void addVersion(Context ctx) {
    Set<String> fields = new java.util.HashSet<>(PLAN_FIELDS);
    fields.remove("code");
    JsonBody b = body(ctx, fields);
    Plan p = catalogue.addVersion(planFrom(b, ctx.pathParam("id")));
    ctx.status(HttpStatus.CREATED).json(PlanView.of(p));
  }

  private void quote(Context ctx) {
    QueryString q = onlyParams(ctx, Set.of("plan", "seats", "on"));
    String plan = q.requiredText("plan");
    Integer seats = q.integer("seats");
    if (seats == null) {
      throw new InvalidValueException("seats", "seats is required");
    }
    LocalDate day = q.date("on", today());
    BigDecimal first = catalogue.firstYearPrice(plan, seats, day);
    Plan p = catalogue.get(plan, day);
    ctx.json(
        new QuoteView(
            p.code(), seats, day, BillingViews.m(first), BillingViews.m(p.prices().annual(seats))));
  }

  // Customers and subscriptions

  private void customers(Context ctx) {
    onlyParams(ctx, Set.of("q", "asOf"));
    ctx.json(
        CustomerAccount.list(db.jdbi(), ctx.queryParam("q"), asOf(ctx)).stream()
            .map(CustomerView::of)
            .toList());
  }

  private void account(Context ctx) {
    onlyParams(ctx, Set.of("asOf"));
    String domain = ctx.pathParam("domain");
    LocalDate asOf = asOf(ctx);
    Subscription s = subscriptions.get(domain);
    ctx.json(
        new AccountView(
            SubscriptionView.of(s),
            BalanceView.of(Balance.of(db.jdbi(), s.tenantId(), asOf)),
            subscriptions.history(domain).stream().map(EventView::of).toList(),
            invoices.ofTenant(s.tenantId(), asOf).stream().map(InvoiceView::of).toList()));
  }

  private void subscribe(Context ctx) {
    JsonBody b = body(ctx, Set.of("planCode", "seats", "startsOn", "autoRenew"));
    LocalDate start = b.date("startsOn");
    Subscriptions.Change c =
        subscriptions.subscribe(
            ctx.pathParam("domain"),
            b.requiredNonBlank("planCode"),
            b.requiredInt("seats"),
            start == null ? today() : start,
            Objects.requireNonNullElse(b.bool("autoRenew"), true));
    ctx.status(HttpStatus.CREATED).json(change(c));
  }

  private void changeSeats(Context ctx) {
    JsonBody b = body(ctx, Set.of("seats", "effectiveOn"));
    LocalDate on = b.date("effectiveOn");
    ctx.json(
        change(
            subscriptions.changeSeats(
                ctx.pathParam("domain"), b.requiredInt("seats"), on == null ? today() : on)));
  }

  private void cancel(Context ctx) {
    JsonBody b = body(ctx, Set.of("immediately", "effectiveOn"));
    ctx.json(
        change(
            subscriptions.cancel(
                ctx.pathParam("domain"),
                Objects.requireNonNullElse(b.bool("immediately"), false),
                b.date("effectiveOn"))));
  }

  private void reactivate(Context ctx) {
    JsonBody b = body(ctx, Set.of("effectiveOn"));
    ctx.json(change(subscriptions.reactivate(ctx.pathParam("domain"), b.date("effectiveOn"))));
  }

  private void renew(Context ctx) {
    body(ctx, Set.of());
    ctx.json(change(subscriptions.renew(ctx.pathParam("domain"))));
  }

  private static ChangeView change(Subscriptions.Change c) {
    return new ChangeView(
        SubscriptionView.of(c.subscription()),
        c.invoice() == null ? null : InvoiceView.of(c.invoice()),
        c.credits().stream().map(CreditNoteView::of).toList());
  }

  // Invoices, payments, refunds, credit notes

  private Invoices.Page page(Context ctx) {
    QueryString q =
        onlyParams(ctx, Set.of("domain", "status", "from", "to", "asOf", "offset", "limit"));
    String status = q.text("status");
    String domain = q.text("domain");
    Invoices.Filter f =
        new Invoices.Filter(
            domain == null ? null : TenantRepository.lower(domain),
            status == null ? null : InvoiceStatus.parse(status),
            q.date("from"),
            q.date("to"));
    int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
    int limit = q.limit(MAX_LIMIT);
    return invoices.list(f, asOf(ctx), offset, limit);
  }

  private void listInvoices(Context ctx) {
    Invoices.Page p = page(ctx);
    ctx.json(
        new InvoicePageView(
            p.items().stream().map(InvoiceView::of).toList(), p.total(), p.offset(), p.limit()));
  }

  private void exportInvoices(Context ctx) {
    CsvResponse.send(
        ctx,
        "invoices",
        List.of(
            "number",
            "domain",
            "issued_on",
            "due_on",
            "currency",
            "total",
            "credited",
            "paid",
            "refunded",
            "outstanding",
            "status"),
        page(ctx).items(),
        i ->
            List.of(
                i.number(),
                i.domain(),
                i.issuedOn().toString(),
                i.dueOn().toString(),
                i.currency(),
                BillingViews.m(i.total()),
                BillingViews.m(i.credited()),
                BillingViews.m(i.paid()),
                BillingViews.m(i.refunded()),
                BillingViews.m(i.outstanding()),
                i.status().wireName()));
  }

  private void invoice(Context ctx) {
    onlyParams(ctx, Set.of("asOf"));
    String number = ctx.pathParam("id");
    Invoice i = invoices.get(number, asOf(ctx));
    Payments.Activity a = payments.activity(number);
    ctx.json(
        new InvoiceDetailView(
            InvoiceView.of(i),
            a.payments().stream().map(PaymentView::of).toList(),
            a.refunds().stream().map(RefundView::of).toList(),
            a.credits().stream().map(CreditNoteView::of).toList()));
  }

  private void pay(Context ctx) {
    JsonBody b = body(ctx, Set.of("amount", "paidOn", "method", "reference"));
    LocalDate on = b.date("paidOn");
    var p =
        payments.pay(
            ctx.pathParam("id"),
            on == null ? today() : on,
            b.requiredDecimal("amount"),
            b.text("method"),
            b.text("reference"));
    ctx.status(HttpStatus.CREATED).json(PaymentView.of(p));
  }

  private void creditNote(Context ctx) {
    JsonBody b = body(ctx, Set.of("amount", "issuedOn", "reason"));
    LocalDate on = b.date("issuedOn");
    var c =
        payments.creditNote(
            ctx.pathParam("id"),
            on == null ? today() : on,
            b.requiredDecimal("amount"),
            b.requiredNonBlank("reason"));
    ctx.status(HttpStatus.CREATED).json(CreditNoteView.of(c));
  }

  private void refund(Context ctx) {
    long id = PathId.of(ctx);
    JsonBody b = body(ctx, Set.of("amount", "refundedOn", "reason"));
    LocalDate on = b.date("refundedOn");
    var r =
        payments.refund(
            id,
            on == null ? today() : on,
            b.requiredDecimal("amount"),
            b.requiredNonBlank("reason"));
    ctx.status(HttpStatus.CREATED).json(RefundView.of(r));
  }

  // Renewal calendar

  private void renewals(Context ctx) {
    QueryString q = onlyParams(ctx, Set.of("from", "months"));
    YearMonth first = q.month("from", YearMonth.from(today()));
    int months = q.integer("months", 12, 1, 36);
    Map<YearMonth, List<Subscription>> byMonth = new TreeMap<>();
    for (int i = 0; i < months; i++) {
      byMonth.put(first.plusMonths(i), new ArrayList<>());
    }
    for (Subscription s :
        subscriptions.endingBetween(first.atDay(1), first.plusMonths(months).atDay(1))) {
      byMonth.get(YearMonth.from(s.termEnd())).add(s);
    }
    List<RenewalMonthView> out = new ArrayList<>();
    for (Map.Entry<YearMonth, List<Subscription>> e : byMonth.entrySet()) {
      BigDecimal fees = Money.ZERO;
      for (Subscription s : e.getValue()) {
        if (s.autoRenew()) {
          fees = fees.add(s.prices().annual(s.seats()));
        }
      }
      out.add(
          new RenewalMonthView(
              e.getKey().toString(),
              e.getValue().size(),
              BillingViews.m(fees),
              e.getValue().stream().map(RenewalView::of).toList()));
    }
    ctx.json(out);
  }

  // CSV import

  private void startImport(Context ctx) {
    // Read first: a refusal that leaves a large body unread makes Jetty drop the connection.
    String csv = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
    onlyParams(ctx, Set.of());
    // A wrong header is a 400 now rather than a failed job later.
    String header = csv.lines().findFirst().orElse("").replace("\uFEFF", "");
    List<String> columns = CsvLine.split(header);
    if (columns == null
        || !columns.stream().map(String::trim).toList().equals(BillingImport.COLUMNS)) {
      throw new InvalidValueException(
          "csv", "the header must be exactly: " + String.join(",", BillingImport.COLUMNS));
    }
    String id = UUID.randomUUID().toString();
    BillingImportJob job =
        imports.submit(
            new BillingImportJob(id, "running", 0, 0, null, null),
            progress -> {
              BillingImport.Report report =
                  importer.run(
                      new StringReader(csv),
                      (done, total) ->
                          progress.accept(
                              new BillingImportJob(id, "running", done, total, null, null)));
              return new BillingImportJob(id, "done", report.rows(), report.rows(), report, null);
            },
            error -> new BillingImportJob(id, "failed", 0, 0, null, error));
    ctx.status(HttpStatus.ACCEPTED).header("Location", BASE + "/import/" + job.id()).json(job);
  }

  private void importStatus(Context ctx) {
    ctx.json(imports.get(ctx.pathParam("id")));
  }
}
