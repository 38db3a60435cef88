package dev.switchboard.app.e2e;

import static dev.switchboard.app.e2e.Phones.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.console.web.Chromium;
import dev.switchboard.server.sipp.Sipp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless chromium against a real {@code serve} with live SIP: an admin creates a
 * tenant and extensions in the UI, SIPp registers one and it appears on the open registrations page
 * without reload, and a call through the proxy appears in the call log.
 */
class ConsoleLiveSipBrowserTest {
  private static final String ADMIN = "ops@e2e.test";
  private static final String PASSWORD = "e2e-admin-password";

  @TempDir Path dir;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void extensionMadeInTheUiRegistersLiveAndItsCallIsInTheLog() throws Exception {
    try (Switchboard sb = Switchboard.start(dir.resolve("data"), 0);
        Chromium chromium = Chromium.start(1366, 768)) {
      sb.post("/api/v1/users", Map.of("email", ADMIN, "password", PASSWORD, "role", "admin"));
      ChromeDriver driver = chromium.driver();
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
      try {
        driver.get(sb.url() + "/");
        WebElement signIn =
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
        signIn.findElement(By.name("email")).sendKeys(ADMIN);
        signIn.findElement(By.name("password")).sendKeys(PASSWORD);
        signIn.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement tenant =
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create-tenant")));
        tenant.findElement(By.name("name")).sendKeys("Live Co");
        tenant.findElement(By.name("domain")).sendKeys("live.test");
        tenant.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(wait, "tr[data-domain='live.test'] a").click();
        for (String user : new String[] {"1001", "1002"}) {
          WebElement ext = waitFor(wait, "#create-extension");
          ext.findElement(By.name("user")).sendKeys(user);
          ext.findElement(By.name("displayName")).sendKeys("Desk " + user);
          ext.findElement(By.name("password")).sendKeys(Switchboard.password(user));
          ext.findElement(By.cssSelector("button[type=submit]")).click();
          waitFor(wait, "tr[data-user='" + user + "']");
        }
        chromium.screenshot("e2e-01-extensions");

        driver.get(sb.url() + "/#/telephony/tenants/live.test/registrations");
        wait.until(d -> !d.findElement(By.id("main")).getText().contains("Loading"));
        driver.executeScript("window.__sameDocument = true;");
        try (Sipp.Running callee =
            Phones.callee(
                dir, sb, "1002", "live.test", Switchboard.scenario(dir, "proxy-uas-answer.xml"))) {
          WebElement row = waitFor(wait, "tr[data-aor='sip:1002@live.test']");
          assertThat(row.getText()).contains("sipp-register");
          assertThat(driver.executeScript("return window.__sameDocument === true;"))
              .as("the row arrived without a reload")
              .isEqualTo(true);
          chromium.screenshot("e2e-02-live-registration");

          assertOk(
              Phones.caller(
                      dir,
                      sb.sipPort(),
                      Switchboard.scenario(dir, "proxy-uac-call.xml"),
                      "1001",
                      "live.test",
                      "1002",
                      "live.test")
                  .run());
          assertOk(callee.await());
        }
        String callId = sb.awaitCall("live.test", "1001", "1002").get("callId").asText();
        driver.get(sb.url() + "/#/telephony/tenants/live.test/calls");
        WebElement call = waitFor(wait, "tr[data-call='" + callId + "']");
        assertThat(call.getText()).contains("1001").contains("1002").contains("200");
        chromium.screenshot("e2e-03-call-log");
      } catch (Exception | AssertionError e) {
        chromium.screenshot("e2e-failed");
        throw e;
      }
    }
  }

  /**
   * The tenant's "On the phone" page follows a call from the PBX's own dialog state, without a
   * reload: both extensions on the call while it lasts, in English and Chinese, nobody after it.
   */
  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void theOnThePhonePageShowsWhoIsOnACallNow() throws Exception {
    try (Switchboard sb = Switchboard.start(dir.resolve("data"), 0);
        Chromium chromium = Chromium.start(1366, 768)) {
      sb.post("/api/v1/users", Map.of("email", ADMIN, "password", PASSWORD, "role", "admin"));
      sb.tenant("a.test", "1001", "1002");
      ChromeDriver driver = chromium.driver();
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
      // The page re-renders on each poll and language switch: an element read may go stale.
      wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
      try {
        driver.get(sb.url() + "/");
        WebElement signIn =
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
        signIn.findElement(By.name("email")).sendKeys(ADMIN);
        signIn.findElement(By.name("password")).sendKeys(PASSWORD);
        signIn.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create-tenant")));
        driver.get(sb.url() + "/#/telephony/tenants/a.test/lines");
        waitFor(wait, "#lines-none");
        driver.executeScript("window.__sameDocument = true;");

        // A call that lasts: the caller hangs up 8 s after the answer.
        Path longCall =
            Switchboard.scenario(
                dir,
                "proxy-uac-call-8s.xml",
                java.nio.file.Files.readString(Switchboard.scenario(dir, "proxy-uac-call.xml"))
                    .replace("<pause milliseconds=\"200\"/>", "<pause milliseconds=\"8000\"/>"));
        try (Sipp.Running callee =
                Phones.callee(
                    dir, sb, "1002", "a.test", Switchboard.scenario(dir, "proxy-uas-answer.xml"));
            Sipp.Running caller =
                Phones.caller(dir, sb.sipPort(), longCall, "1001", "a.test", "1002", "a.test")
                    .start()) {
          rowShows(wait, "sip:1002@a.test", "On a call", "Incoming");
          rowShows(wait, "sip:1001@a.test", "On a call", "Outgoing");
          assertThat(driver.executeScript("return window.__sameDocument === true;"))
              .as("the rows arrived without a reload")
              .isEqualTo(true);
          chromium.screenshot("e2e-04-on-the-phone");
          new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("lang")))
              .selectByValue("zh-CN");
          wait.until(
              d ->
                  d.findElement(By.cssSelector("tr[data-aor='sip:1002@a.test']"))
                      .getText()
                      .contains("通话中"));
          assertThat(driver.findElement(By.id("main")).getText()).contains("正在通话", "呼入");
          chromium.screenshot("e2e-05-on-the-phone-zh-CN");
          new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("lang")))
              .selectByValue("en");
          assertOk(caller.await());
          assertOk(callee.await());
        }
        waitFor(wait, "#lines-none"); // the BYE ended it
      } catch (Exception | AssertionError e) {
        chromium.screenshot("e2e-failed");
        throw e;
      }
    }
  }

  /**
   * The tenant admin's PBX pages: call handling set on an extension in the UI routes the next call
   * (DND, busy forwarding to a colleague), and a hunt group made in the Groups tab is stored and
   * shown in English and Chinese; a group number that is an extension is refused with the reason.
   */
  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void callHandlingAndGroupsSetInTheConsoleRouteCalls() throws Exception {
    try (Switchboard sb = Switchboard.start(dir.resolve("data"), 0);
        Chromium chromium = Chromium.start(1366, 900)) {
      sb.post("/api/v1/users", Map.of("email", ADMIN, "password", PASSWORD, "role", "admin"));
      sb.tenant("a.test", "1001", "1002", "1003");
      ChromeDriver driver = chromium.driver();
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
      // The page re-renders on each poll and language switch: an element read may go stale.
      wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
      try {
        driver.get(sb.url() + "/");
        WebElement signIn =
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
        signIn.findElement(By.name("email")).sendKeys(ADMIN);
        signIn.findElement(By.name("password")).sendKeys(PASSWORD);
        signIn.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create-tenant")));

        driver.get(sb.url() + "/#/telephony/tenants/a.test/extensions");
        waitFor(wait, "tr[data-user='1002'] button[data-action='call-handling']").click();
        WebElement form = waitFor(wait, "form[data-call-handling='1002']");
        form.findElement(By.name("doNotDisturb")).click();
        form.findElement(By.name("forwardBusy")).sendKeys("1003");
        form.findElement(By.name("followMe")).sendKeys("01701234567/25");
        chromium.screenshot("e2e-06-call-handling");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("main")).getText().contains("Call handling of 1002"));
        com.fasterxml.jackson.databind.JsonNode o =
            sb.get("/api/v1/tenants/a.test/accounts/1002").get("options");
        assertThat(o.get("doNotDisturb").asBoolean()).as(o.toString()).isTrue();
        assertThat(o.get("forwardBusy").asText()).isEqualTo("1003");
        assertThat(o.get("followMe").get(0).get("destination").asText()).isEqualTo("01701234567");
        assertThat(o.get("followMe").get(0).get("ringSeconds").asInt()).isEqualTo(25);

        // 1002 is in DND: busy, which now forwards to 1003's phone.
        Thread.sleep(1_000); // the SIP side follows the change log every 500 ms
        try (Sipp.Running carol =
            Phones.callee(
                dir, sb, "1003", "a.test", Switchboard.scenario(dir, "proxy-uas-answer.xml"))) {
          assertOk(
              Phones.caller(
                      dir,
                      sb.sipPort(),
                      Switchboard.scenario(dir, "proxy-uac-call.xml"),
                      "1001",
                      "a.test",
                      "1002",
                      "a.test")
                  .run());
          assertOk(carol.await());
        }
        com.fasterxml.jackson.databind.JsonNode cdr = sb.awaitCall("a.test", "1001", "1002");
        assertThat(cdr.get("routing").asText()).isEqualTo("forwarded");
        assertThat(cdr.get("answeredBy").asText()).isEqualTo("sip:1003@a.test");

        driver.get(sb.url() + "/#/telephony/tenants/a.test/groups");
        waitFor(wait, "#groups-none");
        WebElement group = waitFor(wait, "#create-group");
        group.findElement(By.name("number")).sendKeys("600");
        group.findElement(By.name("name")).sendKeys("Sales");
        new org.openqa.selenium.support.ui.Select(group.findElement(By.name("strategy")))
            .selectByValue("in_order");
        group.findElement(By.name("members")).sendKeys("1002, 1003");
        group.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement row = waitFor(wait, "tr[data-group='600']");
        assertThat(row.getText()).contains("Sales", "In order", "1002, 1003");
        assertThat(sb.get("/api/v1/tenants/a.test/groups/600").get("strategy").asText())
            .isEqualTo("in_order");

        group = driver.findElement(By.id("create-group"));
        group.findElement(By.name("number")).sendKeys("1001");
        group.findElement(By.name("name")).sendKeys("Clash");
        group.findElement(By.name("members")).sendKeys("1002");
        group.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(
            d ->
                d.findElement(By.cssSelector("#create-group .error"))
                    .getText()
                    .contains("1001 is an extension"));
        chromium.screenshot("e2e-07-groups");

        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("lang")))
            .selectByValue("zh-CN");
        wait.until(
            d -> d.findElement(By.cssSelector("tr[data-group='600']")).getText().contains("依次振铃"));
        assertThat(driver.findElement(By.id("main")).getText()).contains("振铃组", "新建振铃组");
        chromium.screenshot("e2e-08-groups-zh-CN");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("lang")))
            .selectByValue("en");
      } catch (Exception | AssertionError e) {
        chromium.screenshot("e2e-failed");
        throw e;
      }
    }
  }

  /** Waits until the confirmed call row of {@code aor} shows every one of {@code texts}. */
  private static void rowShows(WebDriverWait wait, String aor, String... texts) {
    String css = "tr[data-aor='" + aor + "'][data-state='confirmed']";
    wait.until(
        d -> {
          String text = d.findElement(By.cssSelector(css)).getText();
          return java.util.Arrays.stream(texts).allMatch(text::contains);
        });
  }

  /**
   * The dial-plan page shows and edits prefixes, routes, emergency numbers and the domains allowed
   * to watch presence, and shows a dialled number in E.164 as the server writes it; a ring group is
   * edited in place (members, strategy, ring times); both in English and Chinese.
   */
  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void theDialPlanIsEditedAndTriedAndAGroupIsEditedInPlace() throws Exception {
    try (Switchboard sb = Switchboard.start(dir.resolve("data"), 0);
        Chromium chromium = Chromium.start(1366, 900)) {
      sb.post("/api/v1/users", Map.of("email", ADMIN, "password", PASSWORD, "role", "admin"));
      sb.tenant("a.test", "1001", "1002", "1003", "1004");
      sb.post(
          "/api/v1/tenants/a.test/groups",
          Map.of(
              "number",
              "600",
              "name",
              "Sales",
              "strategy",
              "simultaneous",
              "members",
              List.of("1002", "1003")));
      ChromeDriver driver = chromium.driver();
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
      wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
      try {
        driver.get(sb.url() + "/");
        WebElement signIn =
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
        signIn.findElement(By.name("email")).sendKeys(ADMIN);
        signIn.findElement(By.name("password")).sendKeys(PASSWORD);
        signIn.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create-tenant")));

        driver.get(sb.url() + "/#/telephony/tenants/a.test/dialplan");
        WebElement plan = waitFor(wait, "#dial-plan-form");
        assertThat(plan.findElement(By.name("emergencyNumbers")).getAttribute("value"))
            .contains("112");
        replace(plan.findElement(By.name("countryCode")), "49");
        replace(plan.findElement(By.name("emergencyNumbers")), "112, 110");
        replace(plan.findElement(By.name("presenceDomains")), "b.test");
        plan.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("main")).getText().contains("Dial plan saved."));
        com.fasterxml.jackson.databind.JsonNode saved = sb.get("/api/v1/tenants/a.test/dial-plan");
        assertThat(saved.get("countryCode").asText()).isEqualTo("49");
        assertThat(saved.get("emergencyNumbers").toString()).isEqualTo("[\"112\",\"110\"]");
        assertThat(saved.get("presenceDomains").toString()).isEqualTo("[\"b.test\"]");

        WebElement tryIt = waitFor(wait, "#e164-form");
        tryIt.findElement(By.name("tryNumber")).sendKeys("030 1234567");
        tryIt.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("e164-result")).getText().contains("→ +49301234567"));
        replace(tryIt.findElement(By.name("tryNumber")), "0044 20 7946 0000");
        tryIt.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("e164-result")).getText().contains("→ +442079460000"));
        replace(tryIt.findElement(By.name("tryNumber")), "12ab");
        tryIt.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("e164-result")).getText().contains("digits"));
        chromium.screenshot("e2e-09-dial-plan");

        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("lang")))
            .selectByValue("zh-CN");
        wait.until(d -> d.findElement(By.id("main")).getText().contains("紧急号码"));
        assertThat(driver.findElement(By.id("main")).getText()).contains("拨号规则", "国家代码");
        chromium.screenshot("e2e-10-dial-plan-zh-CN");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("lang")))
            .selectByValue("en");

        driver.get(sb.url() + "/#/telephony/tenants/a.test/groups");
        waitFor(wait, "tr[data-group='600'] button[data-action='edit']").click();
        WebElement edit = waitFor(wait, "form#edit-group[data-group='600']");
        assertThat(edit.findElement(By.name("number")).isEnabled()).isFalse();
        assertThat(edit.findElement(By.name("members")).getAttribute("value"))
            .isEqualTo("1002, 1003");
        replace(edit.findElement(By.name("members")), "1003, 1004, 1002");
        new org.openqa.selenium.support.ui.Select(edit.findElement(By.name("strategy")))
            .selectByValue("round_robin");
        replace(edit.findElement(By.name("memberRingSeconds")), "15");
        replace(edit.findElement(By.name("totalRingSeconds")), "45");
        assertThat(edit.findElement(By.name("queueEnabled")).isSelected()).isFalse();
        edit.findElement(By.name("queueEnabled")).click();
        replace(edit.findElement(By.name("queueMaxWaitSeconds")), "90");
        replace(edit.findElement(By.name("queueMaxCallers")), "3");
        edit.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(
            d ->
                d.findElement(By.cssSelector("tr[data-group='600']"))
                    .getText()
                    .contains("1003, 1004, 1002"));
        assertThat(driver.findElement(By.cssSelector("tr[data-group='600']")).getText())
            .contains("Round-robin", "15 s each, 45 s in all", "up to 3 callers, 90 s each");
        com.fasterxml.jackson.databind.JsonNode g = sb.get("/api/v1/tenants/a.test/groups/600");
        assertThat(g.get("strategy").asText()).isEqualTo("round_robin");
        assertThat(g.get("members").toString()).isEqualTo("[\"1003\",\"1004\",\"1002\"]");
        assertThat(g.get("memberRingSeconds").asInt()).isEqualTo(15);
        assertThat(g.get("totalRingSeconds").asInt()).isEqualTo(45);
        assertThat(g.get("name").asText()).isEqualTo("Sales");
        assertThat(g.get("queue").toString())
            .isEqualTo("{\"enabled\":true,\"maxWaitSeconds\":90,\"maxCallers\":3}");

        // A member listed twice is refused with the reason, and nothing changes.
        waitFor(wait, "tr[data-group='600'] button[data-action='edit']").click();
        edit = waitFor(wait, "form#edit-group[data-group='600']");
        replace(edit.findElement(By.name("members")), "1003, 1003");
        edit.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> !d.findElement(By.cssSelector("#edit-group .error")).getText().isEmpty());
        assertThat(sb.get("/api/v1/tenants/a.test/groups/600").get("members").toString())
            .isEqualTo("[\"1003\",\"1004\",\"1002\"]");
        chromium.screenshot("e2e-11-group-edit");

        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("lang")))
            .selectByValue("zh-CN");
        wait.until(d -> d.findElement(By.id("main")).getText().contains("编辑"));
        assertThat(driver.findElement(By.cssSelector("tr[data-group='600']")).getText())
            .contains("轮流", "最多 3 位来电，每位最长 90 秒");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("lang")))
            .selectByValue("en");
      } catch (Exception | AssertionError e) {
        chromium.screenshot("e2e-failed");
        throw e;
      }
    }
  }

  private static void replace(WebElement input, String text) {
    input.clear();
    input.sendKeys(text);
  }

  private static WebElement waitFor(WebDriverWait wait, String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }
}
