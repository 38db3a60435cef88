package dev.switchboard.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.staff.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may do what under {@code /api/v1/billing}: every staff role reads; sales (which subscribes
 * the customers it wins) and admins write; marketing, success and tenant admins may not write, and
 * a tenant admin may not even read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingRoleTest {

  private ConsoleFixture fx;

  @BeforeAll
  void start() throws Exception {
    fx = new ConsoleFixture();
    fx.tenant("mine.test", "Mine");
    fx.user("boss@mine.test", Role.TENANT_ADMIN, "mine.test");
    fx.user("mark@switchboard.test", Role.MARKETING, null);
    fx.user("sally@switchboard.test", Role.SALES, null);
    fx.user("sue@switchboard.test", Role.SUCCESS, null);
  }

  @AfterAll
  void stop() throws Exception {
    fx.close();
  }

  private Browserless as(String email) {
    Browserless b = new Browserless(fx.url());
    assertThat(b.signIn(email, ConsoleFixture.PASSWORD).status()).isEqualTo(200);
    return b;
  }

  private static final String SUBSCRIBE = "/api/v1/billing/customers/mine.test/subscription";
  private static final String BODY =
      "{\"planCode\":\"starter\",\"seats\":3,\"startsOn\":\"2026-01-05\"}";

  @Test
  void salesSubscribesOthersOnlyRead() {
    for (String email : new String[] {"mark@switchboard.test", "sue@switchboard.test"}) {
      Browserless b = as(email);
      assertThat(b.get("/api/v1/billing/plans").status()).as(email).isEqualTo(200);
      assertThat(b.send("POST", SUBSCRIBE, BODY, true).status()).as(email).isEqualTo(403);
    }
    Browserless boss = as("boss@mine.test");
    assertThat(boss.get("/api/v1/billing/customers").status()).isEqualTo(403);
    assertThat(boss.send("POST", SUBSCRIBE, BODY, true).status()).isEqualTo(403);

    Browserless sally = as("sally@switchboard.test");
    var created = sally.send("POST", SUBSCRIBE, BODY, true);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    // 3000 + 3 × 1000
    assertThat(created.json().at("/invoice/total").asText()).isEqualTo("6000.00");
    assertThat(as("sue@switchboard.test").get("/api/v1/billing/customers/mine.test").status())
        .isEqualTo(200);
  }
}
