package dev.switchboard.console.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.console.AdminToken;
import dev.switchboard.console.ApiServer;
import dev.switchboard.console.ServerTeardown;
import dev.switchboard.ops.billing.Invoice;
import dev.switchboard.ops.billing.Invoices;
import dev.switchboard.ops.billing.Subscription;
import dev.switchboard.ops.billing.Subscriptions;
import dev.switchboard.ops.marketing.Campaign;
import dev.switchboard.ops.marketing.CampaignRepository;
import dev.switchboard.ops.marketing.Lead;
import dev.switchboard.ops.marketing.LeadDraft;
import dev.switchboard.ops.marketing.LeadRepository;
import dev.switchboard.ops.marketing.LeadStatus;
import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sales API over real HTTP, once per database kind: a lead becomes an opportunity, is won
 * (tenant, subscription, first invoice, customer profile, lead won), a second is won from the same
 * campaign, a third lost, the first refunded; then the leaderboard, breakdown, referrals and CSV,
 * every figure computed by hand in the comments.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SalesApiContract {

  static final String TOKEN = "sales-token";
  static final String REP = "li.na@switchboard.test";

  private Path dir;
  private TestDatabase testDb;
  private Database db;
  private ApiServer server;
  private SalesHttp http;
  private LeadRepository leads;
  private long leadA;
  private long leadB;
  private long leadC;
  private long leadD;
  private long dealA;
  private long dealB;
  private long dealC;

  abstract TestDatabase newDatabase(Path dir);

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("switchboard-sales");
    testDb = newDatabase(dir);
    db = Database.open(testDb.settings());
    server = ApiServer.start("127.0.0.1", 0, db, AdminToken.of(TOKEN));
    http = new SalesHttp(server.url(), TOKEN);
    Clock clock = Clock.systemUTC();
    leads = new LeadRepository(db.jdbi(), clock);
    new CampaignRepository(db.jdbi(), clock)
        .create(
            new Campaign(
                "web-q1",
                "Website Q1",
                "website",
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-03-31"),
                null,
                null,
                new BigDecimal("1200.00"),
                new BigDecimal("1000.00"),
                null,
                null,
                null));
    leadA = lead("Acme Trading", 5, "website", "web-q1", "2026-01-02");
    leadB = lead("Bolt Foods", 12, "website", "web-q1", "2026-01-03");
    leadC = lead("Cargo Ltd", 20, "search", null, "2026-01-04");
    leadD = lead("Delta Clinic", 3, "referral", null, "2026-02-20");
  }

  private long lead(String company, int seats, String channel, String campaign, String on) {
    Lead l =
        leads.create(
            new LeadDraft(
                "Contact of " + company,
                null,
                "boss@" + company.toLowerCase().replace(' ', '-') + ".example",
                company,
                "retail",
                "华东",
                seats,
                channel,
                campaign,
                null,
                'A',
                REP,
                LocalDate.parse(on)),
            "test");
    return l.id();
  }

  @AfterAll
  void stop() throws Exception {
    ServerTeardown.stop(server, db, testDb, dir);
  }

  @Test
  @Order(1)
  void repsAreCreatedAndDuplicatesRefused() {
    assertThat(
            http.post(
                    "/api/v1/sales/reps",
                    "{\"email\":\"" + REP + "\",\"name\":\"李娜\",\"team\":\"north\"}")
                .status())
        .isEqualTo(201);
    assertThat(
            http.post(
                    "/api/v1/sales/reps",
                    "{\"email\":\"wang.wei@switchboard.test\",\"name\":\"王伟\",\"team\":\"north\"}")
                .status())
        .isEqualTo(201);
    SalesHttp.Reply dup =
        http.post(
            "/api/v1/sales/reps", "{\"email\":\"" + REP + "\",\"name\":\"x\",\"team\":\"y\"}");
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.json().get("field").asText()).isEqualTo("email");
    assertThat(
            http.post("/api/v1/sales/reps", "{\"email\":\"nope\",\"name\":\"x\",\"team\":\"y\"}")
                .status())
        .isEqualTo(400);
    JsonNode list = http.get("/api/v1/sales/reps").json();
    assertThat(list).hasSize(2);
  }

  @Test
  @Order(2)
  void aLeadBecomesAnOpportunityPricedFromTheCatalogue() {
    SalesHttp.Reply r =
        http.post(
            "/api/v1/sales/opportunities",
            "{\"leadId\":" + leadA + ",\"plan\":\"starter\",\"openedOn\":\"2026-01-10\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode d = r.json();
    dealA = d.get("id").asLong();
    // starter: 3000.00 system fee + 1000.00 × 5 seats
    assertThat(d.get("amount").decimalValue()).isEqualByComparingTo("8000.00");
    assertThat(d.get("company").asText()).isEqualTo("Acme Trading");
    assertThat(d.get("channel").asText()).isEqualTo("website");
    assertThat(d.get("campaign").asText()).isEqualTo("web-q1");
    assertThat(d.get("rep").asText()).isEqualTo(REP);
    assertThat(d.get("stage").asText()).isEqualTo("qualification");
    assertThat(d.get("sizeBand").asText()).isEqualTo("micro");
    assertThat(leads.get(leadA).status()).isEqualTo(LeadStatus.OPPORTUNITY);
    assertThat(leads.get(leadA).opportunityOn()).isEqualTo(LocalDate.parse("2026-01-10"));

    // The same lead twice is a conflict; bad input is a 400 naming the field.
    assertThat(
            http.post(
                    "/api/v1/sales/opportunities",
                    "{\"leadId\":" + leadA + ",\"plan\":\"starter\"}")
                .status())
        .isEqualTo(409);
    SalesHttp.Reply noPlan =
        http.post("/api/v1/sales/opportunities", "{\"leadId\":" + leadB + ",\"plan\":\"gold\"}");
    assertThat(noPlan.status()).isEqualTo(404);
    assertThat(noPlan.json().get("field").asText()).isEqualTo("planCode");
    assertThat(
            http.post("/api/v1/sales/opportunities", "{\"leadId\":999999,\"plan\":\"starter\"}")
                .json()
                .get("field")
                .asText())
        .isEqualTo("leadId");
    assertThat(http.post("/api/v1/sales/opportunities", "{\"colour\":1}").status()).isEqualTo(400);
    assertThat(http.post("/api/v1/sales/opportunities", "[1]").status()).isEqualTo(400);

    // business: 6000.00 + 900.00 × 12 = 16800.00; 6000.00 + 900.00 × 20 = 24000.00
    dealB = open(leadB, "business", "2026-01-12");
    dealC = open(leadC, "business", "2026-01-15");
    assertThat(http.get("/api/v1/sales/opportunities/" + dealB).json().get("amount").decimalValue())
        .isEqualByComparingTo("16800.00");
    assertThat(http.get("/api/v1/sales/opportunities/" + dealC).json().get("amount").decimalValue())
        .isEqualByComparingTo("24000.00");
  }

  private long open(long lead, String plan, String on) {
    SalesHttp.Reply r =
        http.post(
            "/api/v1/sales/opportunities",
            "{\"leadId\":" + lead + ",\"plan\":\"" + plan + "\",\"openedOn\":\"" + on + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  @Test
  @Order(3)
  void dealsMoveForwardOnlyAndTheBoardTotalsEachStage() {
    assertThat(stage(dealA, "demo", "2026-01-14").status()).isEqualTo(200);
    assertThat(stage(dealA, "proposal", "2026-01-20").status()).isEqualTo(200);
    SalesHttp.Reply back = stage(dealA, "demo", "2026-01-21");
    assertThat(back.status()).isEqualTo(400);
    assertThat(back.json().get("field").asText()).isEqualTo("stage");
    assertThat(stage(dealB, "negotiation", "2026-01-11").json().get("field").asText())
        .isEqualTo("on");
    assertThat(stage(dealB, "negotiation", "2026-01-25").status()).isEqualTo(200);
    assertThat(stage(dealB, "won", "2026-01-25").status()).isEqualTo(400);

    JsonNode a = http.get("/api/v1/sales/opportunities/" + dealA).json();
    assertThat(a.get("history").findValuesAsText("stage"))
        .containsExactly("qualification", "demo", "proposal");
    assertThat(a.get("history").findValuesAsText("enteredOn"))
        .containsExactly("2026-01-10", "2026-01-14", "2026-01-20");

    JsonNode board = http.get("/api/v1/sales/pipeline").json();
    assertThat(List.of(0, 1, 2, 3).stream().map(i -> board.get(i).get("stage").asText()))
        .containsExactly("qualification", "demo", "proposal", "negotiation");
    assertThat(board).hasSize(4);
    assertThat(board.get(0).get("count").asInt()).isEqualTo(1); // C
    assertThat(board.get(0).get("amount").decimalValue()).isEqualByComparingTo("24000.00");
    assertThat(board.get(1).get("count").asInt()).isZero();
    assertThat(board.get(2).get("amount").decimalValue()).isEqualByComparingTo("8000.00");
    assertThat(board.get(3).get("amount").decimalValue()).isEqualByComparingTo("16800.00");
  }

  private SalesHttp.Reply stage(long id, String stage, String on) {
    return http.post(
        "/api/v1/sales/opportunities/" + id + "/stage",
        "{\"stage\":\"" + stage + "\",\"on\":\"" + on + "\"}");
  }

  @Test
  @Order(4)
  void winningCreatesTenantSubscriptionInvoiceAndProfile() {
    SalesHttp.Reply r =
        http.post(
            "/api/v1/sales/opportunities/" + dealA + "/win",
            "{\"on\":\"2026-02-02\",\"domain\":\"acme-trading.test\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("stage").asText()).isEqualTo("won");
    assertThat(r.json().get("cycleDays").asInt()).isEqualTo(23);
    assertThat(r.json().get("domain").asText()).isEqualTo("acme-trading.test");

    JsonNode tenant = http.get("/api/v1/tenants/acme-trading.test").json();
    assertThat(tenant.get("name").asText()).isEqualTo("Acme Trading");
    assertThat(tenant.get("status").asText()).isEqualTo("active");

    Subscription s = new Subscriptions(db.jdbi(), Clock.systemUTC()).get("acme-trading.test");
    assertThat(s.planCode()).isEqualTo("starter");
    assertThat(s.seats()).isEqualTo(5);
    assertThat(s.startsOn()).isEqualTo(LocalDate.parse("2026-02-02"));
    long tenantId = s.tenantId();
    List<Invoice> invoices =
        new Invoices(db.jdbi(), Clock.systemUTC())
            .ofTenant(tenantId, LocalDate.parse("2026-02-02"));
    assertThat(invoices).hasSize(1);
    assertThat(invoices.get(0).total()).isEqualByComparingTo("8000.00");
    assertThat(invoices.get(0).issuedOn()).isEqualTo(LocalDate.parse("2026-02-02"));

    JsonNode customer = http.get("/api/v1/sales/opportunities/" + dealA + "/customer").json();
    assertThat(customer.get("plan").asText()).isEqualTo("starter");
    assertThat(customer.get("seats").asInt()).isEqualTo(5);
    assertThat(customer.get("subscriptionStatus").asText()).isEqualTo("active");
    assertThat(customer.get("invoices").asInt()).isEqualTo(1);
    assertThat(customer.get("firstInvoiceTotal").decimalValue()).isEqualByComparingTo("8000.00");
    assertThat(http.get("/api/v1/sales/opportunities/" + dealC + "/customer").status())
        .isEqualTo(404);

    // The campaign cost 1000.00 and this is its first customer: 1000.00 ÷ 1.
    Map<String, Object> profile = profile("acme-trading.test");
    assertThat(profile.get("company")).isEqualTo("Acme Trading");
    assertThat(profile.get("size_band")).isEqualTo("micro");
    assertThat(profile.get("acquisition_channel")).isEqualTo("website");
    assertThat(profile.get("acquisition_campaign")).isEqualTo("web-q1");
    assertThat((BigDecimal) profile.get("acquisition_cost")).isEqualByComparingTo("1000.00");
    assertThat(profile.get("owner_email")).isEqualTo(REP);

    Lead lead = leads.get(leadA);
    assertThat(lead.status()).isEqualTo(LeadStatus.WON);
    assertThat(lead.wonOn()).isEqualTo(LocalDate.parse("2026-02-02"));
    assertThat(lead.tenantDomain()).isEqualTo("acme-trading.test");

    // Won is closed: no second win, no moves.
    assertThat(
            http.post("/api/v1/sales/opportunities/" + dealA + "/win", "{\"on\":\"2026-02-03\"}")
                .status())
        .isEqualTo(400);
    // A taken domain is a conflict and leaves the deal open.
    SalesHttp.Reply taken =
        http.post(
            "/api/v1/sales/opportunities/" + dealB + "/win",
            "{\"on\":\"2026-02-10\",\"domain\":\"acme-trading.test\"}");
    assertThat(taken.status()).isEqualTo(409);
    assertThat(http.get("/api/v1/sales/opportunities/" + dealB).json().get("stage").asText())
        .isEqualTo("negotiation");

    // The second customer of the campaign: 1000.00 ÷ 2; the domain is derived from the company.
    SalesHttp.Reply b =
        http.post("/api/v1/sales/opportunities/" + dealB + "/win", "{\"on\":\"2026-02-10\"}");
    assertThat(b.status()).as(b.body()).isEqualTo(200);
    String domainB = b.json().get("domain").asText();
    assertThat(domainB).isEqualTo("bolt-foods-" + dealB + ".customers.switchboard.test");
    assertThat((BigDecimal) profile(domainB).get("acquisition_cost"))
        .isEqualByComparingTo("500.00");
    assertThat(profile(domainB).get("size_band")).isEqualTo("small");
  }

  private Map<String, Object> profile(String domain) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT p.* FROM customer_profile p JOIN tenant t ON t.id = p.tenant_id"
                            + " WHERE t.sip_domain = :d")
                    .bind("d", domain)
                    .mapToMap()
                    .one());
  }

  @Test
  @Order(5)
  void losingAndRefunding() {
    SalesHttp.Reply noReason =
        http.post("/api/v1/sales/opportunities/" + dealC + "/lose", "{\"on\":\"2026-02-20\"}");
    assertThat(noReason.status()).isEqualTo(400);
    SalesHttp.Reply lost =
        http.post(
            "/api/v1/sales/opportunities/" + dealC + "/lose",
            "{\"on\":\"2026-02-20\",\"reason\":\"price\"}");
    assertThat(lost.status()).isEqualTo(200);
    assertThat(lost.json().get("lostReason").asText()).isEqualTo("price");
    assertThat(leads.get(leadC).status()).isEqualTo(LeadStatus.LOST);
    assertThat(leads.get(leadC).lostReason()).isEqualTo("price");

    // Outside the 30-day window (won 2026-02-10): refused.
    SalesHttp.Reply late =
        http.post(
            "/api/v1/sales/opportunities/" + dealB + "/refund",
            "{\"on\":\"2026-03-20\",\"reason\":\"unhappy\"}");
    assertThat(late.status()).isEqualTo(400);
    assertThat(late.json().get("field").asText()).isEqualTo("on");

    // Ten days in: the unused 355 of 365 days of 5 × 1000.00 → 5000 × 355 / 365 = 4863.01.
    SalesHttp.Reply refund =
        http.post(
            "/api/v1/sales/opportunities/" + dealA + "/refund",
            "{\"on\":\"2026-02-12\",\"reason\":\"wrong product\"}");
    assertThat(refund.status()).as(refund.body()).isEqualTo(200);
    assertThat(refund.json().get("stage").asText()).isEqualTo("refunded");
    assertThat(refund.json().get("refundAmount").decimalValue()).isEqualByComparingTo("4863.01");
    assertThat(
            new Subscriptions(db.jdbi(), Clock.systemUTC())
                .get("acme-trading.test")
                .status()
                .wireName())
        .isEqualTo("cancelled");
  }

  @Test
  @Order(6)
  void leaderboardTeamsAndBreakdownOverHttp() {
    // Q1 2026 for li.na: opened A, B, C; won A (23 days, 8000.00) and B (29 days, 16800.00);
    // lost C; refunded A 4863.01. AOV 24800 / 2 = 12400.00; median (23 + 29) / 2 = 26.0;
    // conversion 2 / 3 = 0.6667.
    JsonNode board = http.get("/api/v1/sales/leaderboard?from=2026-01-01&to=2026-03-31").json();
    assertThat(board).hasSize(2);
    JsonNode li = board.get(0);
    assertThat(li.get("key").asText()).isEqualTo(REP);
    assertThat(li.get("opened").asInt()).isEqualTo(3);
    assertThat(li.get("won").asInt()).isEqualTo(2);
    assertThat(li.get("lost").asInt()).isEqualTo(1);
    assertThat(li.get("wonAmount").decimalValue()).isEqualByComparingTo("24800.00");
    assertThat(li.get("averageOrderValue").decimalValue()).isEqualByComparingTo("12400.00");
    assertThat(li.get("medianCycleDays").decimalValue()).isEqualByComparingTo("26.0");
    assertThat(li.get("conversionRate").decimalValue()).isEqualByComparingTo("0.6667");
    assertThat(li.get("refunds").asInt()).isEqualTo(1);
    assertThat(li.get("refundAmount").decimalValue()).isEqualByComparingTo("4863.01");
    assertThat(board.get(1).get("won").asInt()).isZero();

    // The north team has two heads: 2 wins / 2 = 1.00 per head.
    JsonNode north = http.get("/api/v1/sales/teams?from=2026-01-01&to=2026-03-31").json().get(0);
    assertThat(north.get("key").asText()).isEqualTo("north");
    assertThat(north.get("heads").asInt()).isEqualTo(2);
    assertThat(north.get("dealsPerHead").decimalValue()).isEqualByComparingTo("1.00");

    // February only: A and B won, C lost, A refunded; nothing opened.
    JsonNode feb =
        http.get("/api/v1/sales/leaderboard?from=2026-02-01&to=2026-02-28").json().get(0);
    assertThat(feb.get("opened").asInt()).isZero();
    assertThat(feb.get("won").asInt()).isEqualTo(2);

    // By channel: search (C lost) and website (A won + refunded, B won).
    JsonNode rows =
        http.get("/api/v1/sales/breakdown?by=channel&from=2026-01-01&to=2026-03-31").json();
    assertThat(rows.findValuesAsText("key")).containsExactly("search", "website");
    assertThat(rows.get(0).get("winRate").decimalValue()).isEqualByComparingTo("0");
    JsonNode web = rows.get(1);
    assertThat(web.get("won").asInt()).isEqualTo(2);
    assertThat(web.get("winRate").decimalValue()).isEqualByComparingTo("1.0000");
    assertThat(web.get("medianCycleDays").decimalValue()).isEqualByComparingTo("26.0");
    assertThat(web.get("refundRate").decimalValue()).isEqualByComparingTo("0.5000");

    assertThat(http.get("/api/v1/sales/breakdown?by=colour").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/sales/leaderboard?from=yesterday").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/sales/leaderboard?from=2026-03-01&to=2026-02-01").status())
        .isEqualTo(400);
  }

  @Test
  @Order(7)
  void referralsAreCountedPerCustomer() {
    String domainB = http.get("/api/v1/sales/opportunities/" + dealB).json().get("domain").asText();
    SalesHttp.Reply r =
        http.post(
            "/api/v1/sales/referrals",
            "{\"referrer\":\"" + domainB + "\",\"leadId\":" + leadD + ",\"on\":\"2026-02-20\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(
            http.post(
                    "/api/v1/sales/referrals",
                    "{\"referrer\":\"acme-trading.test\",\"leadId\":" + leadD + "}")
                .status())
        .isEqualTo(409);
    assertThat(
            http.post("/api/v1/sales/referrals", "{\"referrer\":\"nobody.test\",\"leadId\":1}")
                .status())
        .isEqualTo(404);
    JsonNode counts = http.get("/api/v1/sales/referral-counts").json();
    assertThat(counts).hasSize(1);
    assertThat(counts.get(0).get("domain").asText()).isEqualTo(domainB);
    assertThat(counts.get(0).get("referrals").asInt()).isEqualTo(1);
    assertThat(http.get("/api/v1/sales/referral-counts?asOf=2026-02-19").json()).isEmpty();
    assertThat(
            http.get("/api/v1/sales/customers/" + domainB + "/referrals")
                .json()
                .get("referrals")
                .asInt())
        .isEqualTo(1);
    assertThat(
            http.get("/api/v1/sales/customers/acme-trading.test/referrals")
                .json()
                .get("referrals")
                .asInt())
        .isZero();
    // The website row now has one referral from its two customers: 0.50 per customer.
    JsonNode web =
        http.get("/api/v1/sales/breakdown?by=channel&from=2026-01-01&to=2026-03-31").json().get(1);
    assertThat(web.get("referrals").asInt()).isEqualTo(1);
    assertThat(web.get("referralsPerCustomer").decimalValue()).isEqualByComparingTo("0.50");
  }

  @Test
  @Order(8)
  void everyListExportsAsCsv() {
    SalesHttp.Reply csv = http.get("/api/v1/sales/opportunities?format=csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).startsWith("id,leadId,company,industry,region,channel,campaign");
    assertThat(lines).hasSize(4);
    assertThat(csv.body()).contains(",refunded,").contains("Acme Trading").contains("4863.01");
    for (String path :
        List.of(
            "/api/v1/sales/reps",
            "/api/v1/sales/pipeline",
            "/api/v1/sales/leaderboard",
            "/api/v1/sales/teams",
            "/api/v1/sales/breakdown?by=industry",
            "/api/v1/sales/referrals",
            "/api/v1/sales/referral-counts")) {
      SalesHttp.Reply r = http.get(path + (path.contains("?") ? "&" : "?") + "format=csv");
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(r.contentType()).as(path).startsWith("text/csv");
      assertThat(r.body().lines().count()).as(path).isGreaterThan(1);
    }
    assertThat(http.get("/api/v1/sales/opportunities?format=xml").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/sales/opportunities?stage=won").json()).hasSize(1);
    assertThat(http.get("/api/v1/sales/opportunities?open=false").json()).hasSize(3);
    assertThat(http.get("/api/v1/sales/opportunities?stage=nope").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/sales/opportunities/abc").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/sales/opportunities/424242").status()).isEqualTo(404);
  }

  @Test
  @Order(9)
  void noSalesRouteAnswersAServerErrorToEmptyOrBadInput() {
    int tried = 0;
    for (String route : server.routes()) {
      String[] mp = route.split(" ", 2);
      if (!mp[1].startsWith("/api/v1/sales/")) {
        continue;
      }
      for (String id : List.of("1", "999999", "x", "-1")) {
        String path =
            mp[1]
                .replace("{id}", id)
                .replace("{domain}", "nobody.test")
                .replace("{email}", "nobody@x.test");
        for (String body : List.of("{}", "{\"on\":\"tomorrow\"}", "null", "{\"seats\":\"many\"}")) {
          SalesHttp.Reply r =
              mp[0].equals("GET")
                  ? http.get(path + "?from=x")
                  : mp[0].equals("PATCH") ? http.patch(path, body) : http.post(path, body);
          assertThat(r.status()).as("%s %s %s", mp[0], path, body).isBetween(400, 499);
          tried++;
        }
      }
    }
    assertThat(tried).isGreaterThan(100);
  }
}
