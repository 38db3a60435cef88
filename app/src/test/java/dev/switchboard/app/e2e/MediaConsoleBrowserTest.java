package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.console.web.Chromium;
import dev.switchboard.media.tone.ToneGenerator;
import dev.switchboard.media.wav.WavEncoding;
import dev.switchboard.media.wav.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The media services' console pages in headless chromium against a real {@code serve}: an
 * auto-attendant menu made, edited and deleted with its keys, hours, holidays and greeting; refused
 * values explained in Chinese; a conference room whose PIN is never shown again, with a live {@code
 * switchboard call} appearing in it while the page is open; and an uploaded greeting growing the
 * tenant's media usage.
 */
class MediaConsoleBrowserTest {
  private static final String ADMIN = "media@e2e.test";
  private static final String PASSWORD = "e2e-media-password";

  @TempDir static Path dir;
  private static Switchboard sb;
  private static Chromium chromium;
  private static ChromeDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void serve() throws Exception {
    sb = Switchboard.start(dir.resolve("data"), 0);
    sb.post("/api/v1/users", Map.of("email", ADMIN, "password", PASSWORD, "role", "admin"));
    sb.tenant("m.test", "1002", "1003");
    sb.tenant("k.test", "1001");
    sb.tenant("u.test");
    chromium = Chromium.start(1366, 1000);
    driver = chromium.driver();
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    // The rooms page re-draws while it polls, and every page on a language switch.
    wait.ignoring(StaleElementReferenceException.class);
    chromium.signIn(sb.url(), ADMIN, PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (sb != null) {
      sb.close();
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aMenuIsMadeEditedAndDeletedAndRefusedValuesAreExplainedInChinese() throws Exception {
    String menus = "/api/v1/tenants/m.test/ivr-menus";
    Path greeting = greeting("menu-greeting.wav", 1500);
    shotOnFailure(
        "media-failed-menu",
        () -> {
          open("m.test", "ivr");
          waitFor("#menus-none");
          WebElement form = waitFor("#create-menu");
          form.findElement(By.name("number")).sendKeys("800");
          form.findElement(By.name("name")).sendKeys("Front desk");
          form.findElement(By.name("greeting")).sendKeys(greeting.toString());
          addKey(form, "2", "dial", "1002");
          addKey(form, "9", "voicemail", "1003");
          setNumber(form.findElement(By.name("timeoutSeconds")), "3");
          setNumber(form.findElement(By.name("retries")), "1");
          new Select(form.findElement(By.name("fallbackKind"))).selectByValue("extension");
          form.findElement(By.name("useHours")).click();
          WebElement zone = form.findElement(By.name("timeZone"));
          zone.clear();
          zone.sendKeys("Asia/Shanghai");
          form.findElement(By.name("day-SAT")).click();
          form.findElement(By.name("holidays")).sendKeys("2026-12-25, 2027-01-01");
          form.findElement(By.name("afterHoursTarget")).sendKeys("1003");
          chromium.screenshot("media-01-new-menu");
          form.findElement(By.cssSelector("button[type=submit]")).click();

          WebElement row = waitFor("tr[data-menu='800']");
          assertThat(row.getText())
              .contains("Front desk", "2 → Extension or group 1002", "9 → Voicemail of 1003")
              .contains("Asia/Shanghai", "Sat", "2026-12-25", "Uploaded");
          JsonNode menu = sb.get(menus + "/800");
          assertThat(menu.get("keys").get("2").asText()).isEqualTo("dial:1002");
          assertThat(menu.get("keys").get("9").asText()).isEqualTo("voicemail:1003");
          assertThat(menu.get("timeoutSeconds").asInt()).isEqualTo(3);
          assertThat(menu.get("retries").asInt()).isEqualTo(1);
          assertThat(menu.get("fallback").asText()).isEqualTo("extension");
          assertThat(menu.get("hours").get("timeZone").asText()).isEqualTo("Asia/Shanghai");
          assertThat(menu.get("hours").get("days"))
              .extracting(JsonNode::asText)
              .containsExactly("MON", "TUE", "WED", "THU", "FRI", "SAT");
          assertThat(menu.get("hours").get("holidays"))
              .extracting(JsonNode::asText)
              .containsExactly("2026-12-25", "2027-01-01");
          assertThat(menu.get("afterHours").asText()).isEqualTo("voicemail:1003");
          assertThat(menu.get("hasGreeting").asBoolean()).isTrue();
          assertThat(Files.size(dir.resolve("data/ivr/m.test/800.wav")))
              .isEqualTo(Files.size(greeting));

          // Edited in place: key 9 dropped, the name changed, open all hours; the rest kept.
          row.findElement(By.cssSelector("button[data-action='edit']")).click();
          WebElement edit = waitFor("form#edit-menu[data-menu='800']");
          assertThat(edit.findElement(By.name("number")).isEnabled()).isFalse();
          assertThat(edit.findElements(By.cssSelector("tr[data-key-row]"))).hasSize(2);
          edit.findElements(By.cssSelector("tr[data-key-row]")).stream()
              .filter(
                  r ->
                      new Select(r.findElement(By.name("key")))
                          .getFirstSelectedOption()
                          .getText()
                          .equals("9"))
              .findFirst()
              .orElseThrow()
              .findElement(By.cssSelector("button[data-action='remove-key']"))
              .click();
          WebElement name = edit.findElement(By.name("name"));
          name.clear();
          name.sendKeys("Reception");
          edit.findElement(By.name("useHours")).click();
          edit.findElement(By.cssSelector("button[type=submit]")).click();
          waitText("tr[data-menu='800']", "Reception");
          menu = sb.get(menus + "/800");
          assertThat(menu.get("name").asText()).isEqualTo("Reception");
          assertThat(menu.get("keys").size()).isEqualTo(1);
          assertThat(menu.get("keys").get("2").asText()).isEqualTo("dial:1002");
          assertThat(menu.has("hours")).isFalse();
          assertThat(menu.get("fallback").asText()).isEqualTo("extension");
          assertThat(menu.get("hasGreeting").asBoolean()).isTrue();

          // Refusals in the user's language, beside the form, never the server's English.
          language("zh-CN");
          waitText("tr[data-menu='800']", "分机或振铃组 1002");
          form = waitFor("#create-menu");
          form.findElement(By.name("number")).sendKeys("800");
          form.findElement(By.cssSelector("button[type=submit]")).click();
          refused("#create-menu", "该号码已被占用。");
          WebElement number = form.findElement(By.name("number"));
          number.clear();
          number.sendKeys("801");
          addKey(form, "4", "dial", "");
          form.findElement(By.cssSelector("button[type=submit]")).click();
          refused("#create-menu", "按键 4：请填写要转到的分机");
          form.findElement(By.name("keyTarget")).sendKeys("1002");
          form.findElement(By.name("useHours")).click();
          WebElement badZone = form.findElement(By.name("timeZone"));
          badZone.clear();
          badZone.sendKeys("Mars/Olympus");
          form.findElement(By.name("afterHoursTarget")).sendKeys("1003");
          form.findElement(By.cssSelector("button[type=submit]")).click();
          refused("#create-menu", "时区：无法识别");
          badZone.clear();
          badZone.sendKeys("Asia/Shanghai");
          form.findElement(By.name("holidays")).sendKeys("25.12.2026");
          form.findElement(By.cssSelector("button[type=submit]")).click();
          refused("#create-menu", "节假日：日期格式为 YYYY-MM-DD");
          chromium.screenshot("media-02-menu-refused-zh-CN");
          assertThat(sb.send("GET", menus + "/801", "application/json", new byte[0]).statusCode())
              .isEqualTo(404);
          language("en");

          waitFor("tr[data-menu='800'] button[data-action='delete']").click();
          waitFor("#menus-none");
          assertThat(sb.send("GET", menus + "/800", "application/json", new byte[0]).statusCode())
              .isEqualTo(404);
          assertThat(dir.resolve("data/ivr/m.test/800.wav")).doesNotExist();
        });
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aRoomsPinIsNeverShownAndACallerInItAppearsWhileThePageIsOpen() throws Exception {
    String rooms = "/api/v1/tenants/k.test/conference-rooms";
    shotOnFailure(
        "media-failed-room",
        () -> {
          open("k.test", "conference");
          waitFor("#rooms-none");
          WebElement form = waitFor("#create-room");
          form.findElement(By.name("number")).sendKeys("900");
          form.findElement(By.name("name")).sendKeys("All hands");
          form.findElement(By.name("pin")).sendKeys("2468");
          form.findElement(By.name("moderatorPin")).sendKeys("2468");
          form.findElement(By.cssSelector("button[type=submit]")).click();
          refused("#create-room", "Moderator PIN: 3 to 12 digits, different from the room's PIN.");
          form.findElement(By.name("moderatorPin")).clear();
          form.findElement(By.cssSelector("button[type=submit]")).click();
          WebElement row = waitFor("tr[data-room='900']");
          assertThat(row.getText()).contains("All hands", "PIN", "Nobody");
          assertThat(form.findElement(By.name("pin")).getAttribute("value")).isEmpty();
          assertThat(driver.getPageSource()).doesNotContain("2468");
          assertThat(sb.get(rooms + "/900").get("hasPin").asBoolean()).isTrue();

          // Renamed without typing the PIN: the stored one is kept (the call below keys it).
          row.findElement(By.cssSelector("button[data-action='edit']")).click();
          WebElement edit = waitFor("form#edit-room[data-room='900']");
          assertThat(edit.findElement(By.name("pin")).getAttribute("value")).isEmpty();
          WebElement name = edit.findElement(By.name("name"));
          name.clear();
          name.sendKeys("Board");
          edit.findElement(By.cssSelector("button[type=submit]")).click();
          waitText("tr[data-room='900']", "Board");
          assertThat(sb.get(rooms + "/900").get("hasPin").asBoolean()).isTrue();
          assertThat(driver.getPageSource()).doesNotContain("2468");

          driver.executeScript("window.__sameDocument = true;");
          try (CallCli caller =
              CallCli.start(
                  dir,
                  sb,
                  "1001",
                  "k.test",
                  "sip:900@k.test",
                  "--tone",
                  "500",
                  "--dtmf",
                  "2468#",
                  "--seconds",
                  "10")) {
            waitFor("tr[data-room='900'] li[data-caller='sip:1001@k.test']");
            assertThat(driver.executeScript("return window.__sameDocument === true;"))
                .as("the caller appeared without a reload")
                .isEqualTo(true);
            chromium.screenshot("media-03-room-live");
            language("zh-CN");
            waitText("tr[data-room='900']", "sip:1001@k.test");
            assertThat(driver.findElement(By.id("main")).getText()).contains("会议室", "当前在会议室");
            chromium.screenshot("media-04-room-live-zh-CN");
            language("en");
            assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
          }
          waitText("tr[data-room='900']", "Nobody");

          waitFor("tr[data-room='900'] button[data-action='delete']").click();
          waitFor("#rooms-none");
          assertThat(sb.get(rooms).get("items")).isEmpty();
        });
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void anUploadedGreetingGrowsTheTenantsMediaUsage() throws Exception {
    Path greeting = greeting("usage-greeting.wav", 2000);
    sb.post(
        "/api/v1/tenants/u.test/ivr-menus", Map.of("number", "810", "keys", Map.of("1", "hangup")));
    shotOnFailure(
        "media-failed-usage",
        () -> {
          open("u.test", "usage");
          long before = Long.parseLong(waitFor("#media-total").getAttribute("data-bytes"));
          assertThat(before).isZero();

          open("u.test", "ivr");
          waitFor("tr[data-menu='810'] button[data-action='edit']").click();
          WebElement edit = waitFor("form#edit-menu[data-menu='810']");
          edit.findElement(By.name("greeting")).sendKeys(greeting.toString());
          edit.findElement(By.cssSelector("button[type=submit]")).click();
          waitText("tr[data-menu='810']", "Uploaded");

          open("u.test", "usage");
          long size = Files.size(greeting);
          wait.until(
              d -> Long.parseLong(waitFor("#media-total").getAttribute("data-bytes")) == size);
          assertThat(waitFor("tr[data-media='ivrGreetingBytes']").getAttribute("data-bytes"))
              .isEqualTo(Long.toString(size));
          assertThat(waitFor("#media-usage").getText()).contains("Auto-attendant greetings", "KiB");
          chromium.screenshot("media-05-usage");
          JsonNode media = sb.get("/api/v1/tenants/u.test/usage/daily").get("media");
          assertThat(media.get("totalBytes").asLong()).isEqualTo(size);
          assertThat(media.get("ivrGreetingBytes").asLong()).isEqualTo(size);
          assertThat(media.get("holdMusicBytes").asLong()).isZero();
        });
  }

  /** Steps of a test that may throw. */
  private interface Steps {
    void run() throws Exception;
  }

  /** Runs {@code steps}; when they fail, the page is kept as {@code name}.png first. */
  private static void shotOnFailure(String name, Steps steps) throws Exception {
    try {
      steps.run();
    } catch (Exception | AssertionError e) {
      chromium.screenshot(name);
      throw e;
    }
  }

  /** A WAV of a tone lasting {@code millis}, the kind of file a tenant uploads. */
  private static Path greeting(String name, int millis) throws Exception {
    Path file = dir.resolve(name);
    WavWriter.write(file, WavEncoding.PCM, ToneGenerator.sine(440, 8000, millis).render(millis));
    return file;
  }

  private static void open(String domain, String tab) {
    driver.get(sb.url() + "/#/telephony/tenants/" + domain + "/" + tab);
  }

  private static void language(String lang) {
    new Select(driver.findElement(By.id("lang"))).selectByValue(lang);
  }

  private static WebElement waitFor(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private static void waitText(String css, String text) {
    wait.until(d -> d.findElement(By.cssSelector(css)).getText().contains(text));
  }

  /** Waits for {@code text} in the error line of {@code form}; nothing of the server's English. */
  private static void refused(String form, String text) {
    waitText(form + " .error", text);
    String shown = driver.findElement(By.cssSelector(form + " .error")).getText();
    for (String english : List.of("expected", "unknown", "must", "exists", "HTTP")) {
      assertThat(shown).doesNotContain(english);
    }
  }

  /** Adds a key row to {@code form} taking {@code key} to {@code kind:target}. */
  private static void addKey(WebElement form, String key, String kind, String target) {
    form.findElement(By.cssSelector("button[data-action='add-key']")).click();
    List<WebElement> rows = form.findElements(By.cssSelector("tr[data-key-row]"));
    WebElement row = rows.get(rows.size() - 1);
    new Select(row.findElement(By.name("key"))).selectByValue(key);
    new Select(row.findElement(By.name("keyKind"))).selectByValue(kind);
    WebElement t = row.findElement(By.name("keyTarget"));
    t.clear();
    t.sendKeys(target);
  }

  private static void setNumber(WebElement input, String value) {
    input.clear();
    input.sendKeys(value);
  }
}
