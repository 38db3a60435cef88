package dev.switchboard.console.sales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.console.web.ConsoleFixture;
import dev.switchboard.store.staff.Role;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may do what under /api/v1/sales: every staff role reads, only sales (and admins) write, a
 * tenant admin reaches nothing — for every sales route the server has.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesRoleTest {

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

  private SalesHttp as(String email) {
    return SalesHttp.signedIn(fx.url(), email, ConsoleFixture.PASSWORD);
  }

  private List<String[]> salesRoutes() {
    return fx.server.routes().stream()
        .map(r -> r.split(" ", 2))
        .filter(mp -> mp[1].startsWith("/api/v1/sales/"))
        .map(
            mp ->
                new String[] {
                  mp[0],
                  mp[1]
                      .replace("{id}", "1")
                      .replace("{domain}", "mine.test")
                      .replace("{email}", "sally@switchboard.test")
                })
        .toList();
  }

  private static SalesHttp.Reply send(SalesHttp c, String method, String path) {
    return switch (method) {
      case "GET" -> c.get(path);
      case "PATCH" -> c.patch(path, "{}");
      default -> c.post(path, "{}");
    };
  }

  @Test
  void onlySalesAndAdminsWriteEveryStaffRoleReads() {
    assertThat(salesRoutes()).hasSizeGreaterThan(15);
    for (String email : List.of("mark@switchboard.test", "sue@switchboard.test")) {
      SalesHttp c = as(email);
      for (String[] r : salesRoutes()) {
        int status = send(c, r[0], r[1]).status();
        if (r[0].equals("GET")) {
          assertThat(status).as("%s %s %s", email, r[0], r[1]).isNotEqualTo(403).isLessThan(500);
        } else {
          assertThat(status).as("%s %s %s", email, r[0], r[1]).isEqualTo(403);
        }
      }
    }
    SalesHttp sally = as("sally@switchboard.test");
    assertThat(
            sally
                .post(
                    "/api/v1/sales/reps",
                    "{\"email\":\"sally@switchboard.test\",\"name\":\"Sally\",\"team\":\"east\"}")
                .status())
        .isEqualTo(201);
    assertThat(sally.get("/api/v1/sales/leaderboard").json().get(0).get("key").asText())
        .isEqualTo("sally@switchboard.test");
    SalesHttp mark = as("mark@switchboard.test");
    assertThat(mark.get("/api/v1/sales/reps").json()).hasSize(1);
  }

  @Test
  void aTenantAdminReachesNoSalesRoute() {
    SalesHttp boss = as("boss@mine.test");
    for (String[] r : salesRoutes()) {
      assertThat(send(boss, r[0], r[1]).status()).as("%s %s", r[0], r[1]).isEqualTo(403);
    }
  }
}
