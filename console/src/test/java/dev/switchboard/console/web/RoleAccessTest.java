package dev.switchboard.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.console.web.Browserless.Reply;
import dev.switchboard.store.staff.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route the server has, tried by each role: a tenant admin never reaches another tenant's
 * data by any route (including routes added after this test was written), read-only roles never
 * write, and only admins manage staff.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleAccessTest {

  private ConsoleFixture fx;

  @BeforeAll
  void start() throws Exception {
    fx = new ConsoleFixture();
    fx.tenant("mine.test", "Mine");
    fx.tenant("theirs.test", "Theirs");
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

  /** Each route with its placeholders filled for {@code domain}. */
  private List<String[]> routes(String domain) {
    List<String[]> out = new ArrayList<>();
    for (String route : fx.server.routes()) {
      String[] mp = route.split(" ", 2);
      String path =
          mp[1]
              .replace("{domain}", domain)
              .replace("{user}", "1001")
              .replace("{id}", "00000000-0000-0000-0000-000000000000")
              .replace("{email}", "mark@switchboard.test");
      out.add(new String[] {mp[0], path, mp[1]});
    }
    return out;
  }

  @Test
  void aTenantAdminReachesNoOtherTenantByAnyRoute() {
    Browserless boss = as("boss@mine.test");
    int tried = 0;
    for (String[] r : routes("theirs.test")) {
      if (!r[2].contains("{domain}")) {
        continue;
      }
      Reply reply = boss.send(r[0], r[1], r[0].equals("GET") ? null : "{}", true);
      assertThat(reply.status()).as("%s %s", r[0], r[1]).isIn(403, 404);
      assertThat(reply.body()).as("%s %s", r[0], r[1]).doesNotContain("Theirs");
      tried++;
    }
    assertThat(tried).isGreaterThanOrEqualTo(9);
    Reply list = boss.get("/api/v1/tenants");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json()).hasSize(1);
    assertThat(list.json().get(0).get("domain").asText()).isEqualTo("mine.test");
    for (String[] r : routes("mine.test")) {
      if (r[2].startsWith("/api/v1/users")) {
        assertThat(boss.send(r[0], r[1], r[0].equals("GET") ? null : "{}", true).status())
            .as("%s %s", r[0], r[1])
            .isEqualTo(403);
      }
    }
    assertThat(
            boss.send("POST", "/api/v1/tenants", "{\"name\":\"X\",\"domain\":\"x.test\"}", true)
                .status())
        .isEqualTo(403);
    assertThat(
            boss.send("PATCH", "/api/v1/tenants/mine.test", "{\"status\":\"active\"}", true)
                .status())
        .isEqualTo(403);
    assertThat(boss.get("/api/v1/tenants/mine.test/accounts").status()).isEqualTo(200);
    assertThat(
            boss.send(
                    "PATCH",
                    "/api/v1/tenants/mine.test/accounts/1001",
                    "{\"displayName\":\"Desk\"}",
                    true)
                .status())
        .isEqualTo(200);
    // Case and encoding tricks lead nowhere either.
    assertThat(boss.get("/api/v1/tenants/THEIRS.test/accounts").status()).isEqualTo(404);
    assertThat(boss.get("/api/v1/tenants/theirs%2Etest/accounts").status()).isIn(403, 404);
  }

  @Test
  void departmentRolesReadTelephonyButNeverWrite() {
    for (String email :
        List.of("mark@switchboard.test", "sally@switchboard.test", "sue@switchboard.test")) {
      Browserless b = as(email);
      assertThat(b.get("/api/v1/tenants").json()).hasSize(2);
      assertThat(b.get("/api/v1/tenants/theirs.test/accounts").status()).isEqualTo(200);
      assertThat(b.get("/api/v1/tenants/theirs.test/usage/daily").status()).isEqualTo(200);
      for (String[] r : routes("theirs.test")) {
        boolean write = !r[0].equals("GET");
        boolean staffAdmin = r[2].startsWith("/api/v1/users");
        // Department routes follow RoleRule's writers per department; each department tests them.
        boolean department =
            r[2].matches("/api/v1/(billing|metrics|marketing|sales|success|help)(/.*)?");
        if ((write || staffAdmin) && !department && !r[2].equals("/api/v1/session")) {
          assertThat(b.send(r[0], r[1], write ? "{}" : null, true).status())
              .as("%s %s %s", email, r[0], r[1])
              .isEqualTo(403);
        }
      }
    }
  }

  @Test
  void anAdminDoesEverythingAndWithoutSignInNothingIsReachable() {
    Browserless admin = as(ConsoleFixture.ADMIN);
    assertThat(admin.get("/api/v1/users").json()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(admin.get("/api/v1/tenants/theirs.test/accounts").status()).isEqualTo(200);
    Browserless nobody = new Browserless(fx.url());
    for (String[] r : routes("theirs.test")) {
      if (r[2].startsWith("/api/v1/") && !r[2].equals("/api/v1/session")) {
        assertThat(nobody.send(r[0], r[1], r[0].equals("GET") ? null : "{}", false).status())
            .as("%s %s", r[0], r[1])
            .isEqualTo(401);
      }
    }
  }
}
