package dev.switchboard.app.e2e;

import static dev.switchboard.app.e2e.Phones.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.console.web.Chromium;
import dev.switchboard.server.sipp.Sipp;
import java.nio.file.Path;
import java.time.Duration;
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
          WebElement bob = waitFor(wait, "tr[data-aor='sip:1002@a.test'][data-state='confirmed']");
          assertThat(bob.getText()).contains("On a call").contains("Incoming");
          WebElement alice =
              waitFor(wait, "tr[data-aor='sip:1001@a.test'][data-state='confirmed']");
          assertThat(alice.getText()).contains("On a call").contains("Outgoing");
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

  private static WebElement waitFor(WebDriverWait wait, String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }
}
