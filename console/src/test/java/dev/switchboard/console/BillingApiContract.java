package dev.switchboard.console;

import static dev.switchboard.console.ApiContract.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.console.HttpJson.Reply;
import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The billing API over real HTTP, once per database kind: the seed's 8000 / 5000 customer, seat
 * changes, payments, credit notes, refunds, the CSV export and import, and 400s naming the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BillingApiContract {

  static final String TOKEN = "billing-token-" + System.nanoTime();

  private Path dir;
  private TestDatabase testDb;
  private Database db;
  private ApiServer server;
  private HttpJson http;

  abstract TestDatabase newDatabase(Path dir);

  @BeforeAll
  void startServer() throws Exception {
    dir = Files.createTempDirectory("switchboard-billing-api");
    testDb = newDatabase(dir);
    db = Database.open(testDb.settings());
    server = ApiServer.start("127.0.0.1", 0, db, AdminToken.of(TOKEN));
    http = new HttpJson(server.url(), TOKEN);
  }

  @AfterAll
  void stopServer() throws Exception {
    ServerTeardown.stop(server, db, testDb, dir);
  }

  private String newTenant() {
    return ApiContract.newTenant(http);
  }

  private JsonNode ok(Reply r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    return r.json();
  }

  @Test
  void seededPlansAndAQuote() {
    JsonNode plans = ok(http.get("/api/v1/billing/plans"), 200);
    assertThat(plans.findValuesAsText("code")).contains("starter", "business");
    JsonNode q = ok(http.get("/api/v1/billing/quote?plan=starter&seats=5&on=2025-01-01"), 200);
    assertThat(q.get("firstYear").asText()).isEqualTo("8000.00");
    assertThat(q.get("annual").asText()).isEqualTo("5000.00");
    assertError(http.get("/api/v1/billing/quote?plan=starter&seats=x"), 400, "seats");
    assertError(http.get("/api/v1/billing/quote?plan=nope&seats=2&on=2025-01-01"), 404, "planCode");
  }

  @Test
  void newPlanVersionKeepsOldPrices() {
    String code = "p" + (System.nanoTime() % 1_000_000);
    ok(
        http.post(
            "/api/v1/billing/plans",
            "{\"code\":\""
                + code
                + "\",\"name\":\"Pro\",\"validFrom\":\"2024-01-01\","
                + "\"systemFee\":\"2000.00\",\"accountFee\":800,\"serviceFee\":\"500\"}"),
        201);
    String d = newTenant();
    ok(
        http.post(
            "/api/v1/billing/customers/" + d + "/subscription",
            "{\"planCode\":\"" + code + "\",\"seats\":2,\"startsOn\":\"2024-06-01\"}"),
        201);
    JsonNode v =
        ok(
            http.post(
                "/api/v1/billing/plans/" + code + "/versions",
                "{\"name\":\"Pro\",\"validFrom\":\"2025-01-01\",\"systemFee\":\"2500.00\","
                    + "\"accountFee\":\"900.00\",\"serviceFee\":\"600.00\"}"),
            201);
    assertThat(v.get("recurringPerSeat").asText()).isEqualTo("600.00");
    JsonNode renewed =
        ok(http.post("/api/v1/billing/customers/" + d + "/subscription/renew", "{}"), 200);
    // Sold at 500 per seat, renewed at 500 per seat although the price book now says 600.
    assertThat(renewed.at("/invoice/total").asText()).isEqualTo("1000.00");
    assertError(
        http.post(
            "/api/v1/billing/plans",
            "{\"code\":\"Bad Code\",\"name\":\"x\",\"validFrom\":\"2024-01-01\","
                + "\"systemFee\":1,\"accountFee\":1,\"serviceFee\":1}"),
        400,
        "code");
    assertError(
        http.post(
            "/api/v1/billing/plans",
            "{\"code\":\"x1\",\"name\":\"x\",\"validFrom\":\"2024-01-01\","
                + "\"systemFee\":1.001,\"accountFee\":1,\"serviceFee\":1}"),
        400,
        "systemFee");
  }

  @Test
  void feesTooLargeForAnInvoiceAreA400NotAnOverflow() {
    String code = "big" + (System.nanoTime() % 1_000_000);
    ok(
        http.post(
            "/api/v1/billing/plans",
            "{\"code\":\""
                + code
                + "\",\"name\":\"Huge\",\"validFrom\":\"2024-01-01\","
                + "\"systemFee\":\"999999999999.99\",\"accountFee\":\"999999999999.99\","
                + "\"serviceFee\":\"999999999999.99\"}"),
        201);
    String d = newTenant();
    String sub = "/api/v1/billing/customers/" + d + "/subscription";
    assertError(
        http.post(sub, "{\"planCode\":\"" + code + "\",\"seats\":50,\"startsOn\":\"2024-06-01\"}"),
        400,
        "seats");
    assertThat(http.get("/api/v1/billing/customers/" + d).status()).isEqualTo(404);
    Reply quote = http.get("/api/v1/billing/quote?plan=" + code + "&seats=50&on=2024-06-01");
    assertThat(quote.status()).as(quote.body()).isLessThan(500);
  }

  @Test
  void theSeedsCustomerOverHttp() {
    String d = newTenant();
    JsonNode sold =
        ok(
            http.post(
                "/api/v1/billing/customers/" + d + "/subscription",
                "{\"planCode\":\"starter\",\"seats\":5,\"startsOn\":\"2023-02-01\"}"),
            201);
    assertThat(sold.at("/subscription/mrr").asText()).isEqualTo("416.67");
    assertThat(sold.at("/invoice/total").asText()).isEqualTo("8000.00");
    String number = sold.at("/invoice/number").asText();
    assertThat(number).matches("INV-2023-\\d{6}");
    assertThat(sold.at("/invoice/lines")).hasSize(2);

    JsonNode part =
        ok(
            http.post(
                "/api/v1/billing/invoices/" + number + "/payments",
                "{\"amount\":\"3000.00\",\"paidOn\":\"2023-02-10\"}"),
            201);
    assertError(
        http.post(
            "/api/v1/billing/invoices/" + number + "/payments",
            "{\"amount\":\"5000.01\",\"paidOn\":\"2023-02-11\"}"),
        400,
        "amount");
    ok(
        http.post(
            "/api/v1/billing/invoices/" + number + "/payments",
            "{\"amount\":5000.00,\"paidOn\":\"2023-02-11\"}"),
        201);
    JsonNode detail = ok(http.get("/api/v1/billing/invoices/" + number + "?asOf=2023-02-10"), 200);
    assertThat(detail.at("/invoice/status").asText()).isEqualTo("partially_paid");
    assertThat(detail.at("/invoice/outstanding").asText()).isEqualTo("5000.00");
    assertThat(
            ok(http.get("/api/v1/billing/invoices/" + number + "?asOf=2023-03-20"), 200)
                .at("/invoice/status")
                .asText())
        .isEqualTo("paid");

    JsonNode up =
        ok(
            http.post(
                "/api/v1/billing/customers/" + d + "/subscription/seats",
                "{\"seats\":7,\"effectiveOn\":\"2023-08-03\"}"),
            200);
    // 2023-08-03 → 2024-02-01 is 182 days of 365: 2000 × 182 / 365 = 997.26
    assertThat(up.at("/invoice/total").asText()).isEqualTo("997.26");
    assertThat(up.at("/subscription/mrr").asText()).isEqualTo("583.33");

    // Refund 1000 of the 5000 payment: the first invoice is outstanding again by 1000.
    long paymentId = part.get("id").asLong() + 1;
    JsonNode refund =
        ok(
            http.post(
                "/api/v1/billing/payments/" + paymentId + "/refunds",
                "{\"amount\":\"1000.00\",\"refundedOn\":\"2023-09-01\",\"reason\":\"bank error\"}"),
            201);
    assertThat(refund.get("invoiceNumber").asText()).isEqualTo(number);
    JsonNode account = ok(http.get("/api/v1/billing/customers/" + d + "?asOf=2023-09-30"), 200);
    assertThat(account.at("/balance/invoiced").asText()).isEqualTo("8997.26");
    assertThat(account.at("/balance/paid").asText()).isEqualTo("8000.00");
    assertThat(account.at("/balance/refunded").asText()).isEqualTo("1000.00");
    assertThat(account.at("/balance/outstanding").asText()).isEqualTo("1997.26");
    assertThat(account.at("/balance/overdue").asText()).isEqualTo("1997.26");
    assertThat(account.get("history").findValuesAsText("kind"))
        .containsExactly("subscribe", "seats");

    JsonNode list =
        ok(
            http.get("/api/v1/billing/invoices?domain=" + d + "&status=overdue&asOf=2023-09-30"),
            200);
    assertThat(list.get("total").asInt()).isEqualTo(2);
    Reply csv = http.get("/api/v1/billing/invoices.csv?domain=" + d + "&asOf=2023-09-30");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body().lines()).hasSize(3);
    assertThat(csv.body()).contains(number + "," + d + ",2023-02-01,2023-03-03,CNY,8000.00");

    JsonNode credit =
        ok(
            http.post(
                "/api/v1/billing/invoices/" + number + "/credit-notes",
                "{\"amount\":\"500.00\",\"issuedOn\":\"2023-10-01\",\"reason\":\"goodwill\"}"),
            201);
    assertThat(credit.get("number").asText()).matches("CN-2023-\\d{6}");
    assertError(
        http.post(
            "/api/v1/billing/invoices/" + number + "/credit-notes",
            "{\"amount\":\"500.00\",\"issuedOn\":\"2023-10-01\"}"),
        400,
        "reason");
    assertError(
        http.post("/api/v1/billing/customers/" + d + "/subscription/seats", "{\"seats\":0}"),
        400,
        "seats");
    assertError(
        http.post("/api/v1/billing/customers/" + d + "/subscription/seats", "{\"sets\":3}"),
        400,
        "sets");
    assertError(
        http.post(
            "/api/v1/billing/customers/" + d + "/subscription",
            "{\"planCode\":\"starter\",\"seats\":5,\"startsOn\":\"2023-02-01\"}"),
        409,
        "tenant");
    assertError(http.get("/api/v1/billing/invoices?status=late"), 400, "status");
    assertError(http.get("/api/v1/billing/invoices?limit=0"), 400, "limit");
    assertError(http.get("/api/v1/billing/invoices/INV-1999-000001"), 404, "number");

    JsonNode cancel =
        ok(
            http.post(
                "/api/v1/billing/customers/" + d + "/subscription/cancel",
                "{\"immediately\":false}"),
            200);
    // The term ended on 2024-02-01, before today: the paid period is over, so it reads cancelled.
    assertThat(cancel.at("/subscription/status").asText()).isEqualTo("cancelled");
    assertThat(cancel.at("/subscription/endsOn").asText()).isEqualTo("2024-02-01");
    JsonNode renewals = ok(http.get("/api/v1/billing/renewals?from=2024-01&months=3"), 200);
    assertThat(renewals).hasSize(3);
    assertThat(renewals.get(1).get("items").findValuesAsText("domain")).contains(d);
  }

  @Test
  void csvImportIsAllOrNothingWithLineNumbers() throws Exception {
    String a = ApiContract.uniqueDomain();
    String header =
        "kind,domain,company,industry,region,size_band,channel,campaign,acquisition_cost,"
            + "owner_email,plan,seats,date,auto_renew,amount,method,reference\n";
    String good =
        header
            + "customer,"
            + a
            + ",华兴商贸有限公司,retail,华东,micro,website,,105.00,li.na@x.test,,,2022-03-01,,,,\n"
            + "subscription,"
            + a
            + ",,,,,,,,,starter,5,2022-03-01,true,,,\n"
            + "payment,"
            + a
            + ",,,,,,,,,,,2022-03-15,,8000.00,bank_transfer,R1\n"
            + "renewal,"
            + a
            + ",,,,,,,,,,,2023-03-01,,,,\n"
            + "payment,"
            + a
            + ",,,,,,,,,,,2023-03-05,,5000.00,,\n";
    String bad =
        good.replace(a, "x" + a)
            + "payment,x"
            + a
            + ",,,,,,,,,,,2023-03-06,,1.00,,\n"
            + "subscription,nobody.example,,,,,,,,,starter,5,2022-03-01,true,,,\n";
    JsonNode rejected = runImport(bad);
    assertThat(rejected.at("/report/committed").asBoolean()).isFalse();
    assertThat(rejected.at("/report/rejected").findValuesAsText("line")).containsExactly("7", "8");
    assertThat(rejected.at("/report/rejected/0/field").asText()).isEqualTo("amount");
    assertError(http.get("/api/v1/tenants/x" + a), 404, "domain");

    JsonNode done = runImport(good);
    assertThat(done.at("/report/committed").asBoolean()).as(done.toString()).isTrue();
    assertThat(done.at("/report/customers").asInt()).isEqualTo(1);
    assertThat(done.at("/report/invoices").asInt()).isEqualTo(2);
    JsonNode account = ok(http.get("/api/v1/billing/customers/" + a + "?asOf=2023-04-01"), 200);
    assertThat(account.at("/balance/paid").asText()).isEqualTo("13000.00");
    assertThat(account.at("/balance/outstanding").asText()).isEqualTo("0.00");
  }

  @Test
  void badInputIsA400OrA404NeverA500() {
    String d = newTenant();
    String sub = "/api/v1/billing/customers/" + d + "/subscription";
    assertError(http.get("/api/v1/billing/customers/" + d), 404, "subscription");
    assertError(http.post(sub + "/renew", "{}"), 404, "subscription");
    assertError(http.post(sub, "{\"planCode\":\"starter\",\"seats\":\"5\"}"), 400, "seats");
    assertError(http.post(sub, "{\"planCode\":\"starter\",\"seats\":100001}"), 400, "seats");
    assertError(
        http.post(sub, "{\"planCode\":\"starter\",\"seats\":5,\"startsOn\":\"2024-13-01\"}"),
        400,
        "startsOn");
    assertError(http.post(sub, "{\"seats\":5}"), 400, "planCode");
    assertError(http.post(sub, "[1]"), 400, null);
    assertError(http.post(sub, "{"), 400, null);
    assertError(
        http.post(
            "/api/v1/billing/customers/nobody.example/subscription",
            "{\"planCode\":\"starter\",\"seats\":1}"),
        404,
        "domain");
    JsonNode sold =
        ok(
            http.post(sub, "{\"planCode\":\"starter\",\"seats\":2,\"startsOn\":\"2025-06-01\"}"),
            201);
    String number = sold.at("/invoice/number").asText();
    assertError(http.post(sub + "/reactivate", "{}"), 400, "status");
    assertError(
        http.post(sub + "/seats", "{\"seats\":3,\"effectiveOn\":\"2030-01-01\"}"),
        400,
        "effectiveOn");
    assertError(
        http.post("/api/v1/billing/invoices/" + number + "/payments", "{\"amount\":\"-5\"}"),
        400,
        "amount");
    assertError(
        http.post("/api/v1/billing/invoices/" + number + "/payments", "{\"amount\":\"abc\"}"),
        400,
        "amount");
    assertError(
        http.post(
            "/api/v1/billing/invoices/" + number + "/payments",
            "{\"amount\":\"1.00\",\"paidOn\":\"2025-05-01\"}"),
        400,
        "paidOn");
    assertError(
        http.post("/api/v1/billing/payments/abc/refunds", "{\"amount\":1,\"reason\":\"x\"}"),
        400,
        "id");
    assertError(
        http.post("/api/v1/billing/payments/987654321/refunds", "{\"amount\":1,\"reason\":\"x\"}"),
        404,
        "paymentId");
    assertError(http.get("/api/v1/billing/invoices?from=yesterday"), 400, "from");
    assertError(http.get("/api/v1/billing/invoices?asOf=2025-02-30"), 400, "asOf");
    assertError(http.get("/api/v1/billing/invoices?sort=x"), 400, "sort");
    assertError(http.get("/api/v1/billing/renewals?from=2025-13"), 400, "from");
    assertError(http.get("/api/v1/billing/renewals?months=99"), 400, "months");
    assertError(
        http.send("POST", "/api/v1/billing/import", "a,b\n1,2\n", "text/csv", TOKEN), 400, "csv");
    assertError(http.get("/api/v1/billing/import/nope"), 404, "id");
  }

  private JsonNode runImport(String csv) throws InterruptedException {
    Reply started = http.send("POST", "/api/v1/billing/import", csv, "text/csv", TOKEN);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().get("id").asText();
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(until)) {
      JsonNode job = ok(http.get("/api/v1/billing/import/" + id), 200);
      if (!job.get("state").asText().equals("running")) {
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("done");
        return job;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("import did not finish");
  }
}
