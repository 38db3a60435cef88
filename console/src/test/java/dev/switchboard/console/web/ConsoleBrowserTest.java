package dev.switchboard.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.pbx.Feature;
import dev.switchboard.store.pbx.PbxRepository;
import dev.switchboard.store.staff.Role;
import dev.switchboard.store.tenant.TenantStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless chromium against a real server: sign-in, tenants, extensions,
 * import, usage chart, languages, a tenant admin's limits, and a phone-sized screen. Each test
 * leaves a screenshot under {@code target/screenshots/}.
 */
class ConsoleBrowserTest {

  private ConsoleFixture fx;
  private Chromium chromium;
  private ChromeDriver driver;
  private WebDriverWait wait;
  private String name;

  @BeforeEach
  void start(TestInfo info) throws Exception {
    name = info.getTestMethod().orElseThrow().getName();
    fx = new ConsoleFixture();
    chromium = Chromium.start(1366, 768);
    driver = chromium.driver();
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    // Pages re-render after each fetch: an element read mid-render is looked up again.
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (chromium != null) {
        try {
          chromium.screenshot(name + "-last");
        } finally {
          chromium.close();
        }
      }
    } finally {
      if (fx != null) {
        fx.close();
      }
    }
  }

  @Test
  void adminSignsInCreatesTenantAndExtensionImportsAndSeesUsage() throws Exception {
    signIn(ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create-tenant")));
    chromium.screenshot("01-tenants-empty");

    WebElement form = driver.findElement(By.id("create-tenant"));
    fill(form, "name", "Acme Trading");
    fill(form, "domain", "acme.test");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement row = waitFor("tr[data-domain='acme.test']");
    assertThat(row.getText()).contains("Acme Trading").contains("Trial");
    assertThat(fx.tenants.find("acme.test")).isPresent();

    click("tr[data-domain='acme.test'] button[data-action=suspend]");
    wait.until(d -> fx.tenants.get("acme.test").status() == TenantStatus.SUSPENDED);
    click("tr[data-domain='acme.test'] button[data-action=reactivate]");
    wait.until(d -> fx.tenants.get("acme.test").status() == TenantStatus.ACTIVE);

    click("tr[data-domain='acme.test'] a");
    WebElement ext = waitFor("#create-extension");
    fill(ext, "user", "2001");
    fill(ext, "displayName", "Front desk");
    fill(ext, "password", "s3cret-2001");
    ext.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement extRow = waitFor("tr[data-user='2001']");
    assertThat(extRow.getText()).contains("Front desk").contains("Enabled");
    assertThat(fx.accounts.get("acme.test", "2001").displayName()).isEqualTo("Front desk");

    extRow.findElement(By.cssSelector("button[data-action=edit]")).click();
    WebElement edit = waitFor("form[data-edit='2001']");
    WebElement displayName = edit.findElement(By.name("displayName"));
    displayName.clear();
    displayName.sendKeys("Lobby");
    fill(edit, "password", "new-secret-2001");
    edit.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(d -> fx.accounts.get("acme.test", "2001").displayName().equals("Lobby"));
    waitFor("tr[data-user='2001'] button[data-action=disable]").click();
    wait.until(d -> !fx.accounts.get("acme.test", "2001").enabled());
    waitFor("tr[data-user='2001'] button[data-action=enable]");
    chromium.screenshot("02-extensions");

    Path csv = Files.createTempFile("extensions", ".csv");
    Files.writeString(
        csv, "user,password,displayName\n3001,pw-3001-x,Alpha\n3002,,Beta\n3003,pw-3003-x,Gamma\n");
    WebElement imp = waitFor("#import-extensions");
    imp.findElement(By.name("csv")).sendKeys(csv.toAbsolutePath().toString());
    imp.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("import-status"), "Imported 2"));
    assertThat(driver.findElement(By.id("import-report")).getText()).contains("3002");
    waitFor("tr[data-user='3003']");
    chromium.screenshot("03-import-report");
    Files.delete(csv);

    insertCall(
        "acme.test", LocalDate.now(ZoneOffset.UTC).atTime(9, 0).atOffset(ZoneOffset.UTC), 120);
    insertCall(
        "acme.test", LocalDate.now(ZoneOffset.UTC).atTime(10, 0).atOffset(ZoneOffset.UTC), 60);
    driver.findElement(By.cssSelector("a[href$='/usage']")).click();
    waitFor("#usage-chart canvas");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("usage-table"), "3"));
    chromium.screenshot("04-usage-chart");
    assertNoMissingStrings();
  }

  @Test
  void switchingToChineseTranslatesEveryStringAndIsRemembered() {
    fx.tenant("acme.test", "Acme");
    signIn(ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD);
    waitFor("tr[data-domain='acme.test']");
    new Select(driver.findElement(By.id("lang"))).selectByValue("zh-CN");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("nav"), "电话业务"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("租户");
    assertThat(driver.findElement(By.id("sign-out")).getText()).isEqualTo("退出登录");
    chromium.screenshot("05-tenants-zh-CN");
    // Every page once in Chinese: nothing untranslated anywhere.
    for (String page :
        List.of(
            "#/telephony/tenants/acme.test/extensions",
            "#/telephony/tenants/acme.test/usage",
            "#/staff/users",
            "#/marketing",
            "#/sales",
            "#/success",
            "#/billing")) {
      driver.get(fx.url() + "/" + page);
      waitFor("main h1");
      wait.until(d -> !d.findElement(By.id("main")).getText().contains("加载中"));
      assertNoMissingStrings();
    }
    driver.navigate().refresh();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("nav"), "电话业务"));
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
    // The last page visited, billing's customer list, reloads in Chinese.
    assertThat(driver.findElement(By.tagName("main")).getText()).contains("客户与订阅");
    new Select(driver.findElement(By.id("lang"))).selectByValue("en");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("nav"), "Staff users"));
    assertNoMissingStrings();
  }

  @Test
  void tenantAdminSeesOnlyTheirOwnTenant() {
    fx.tenant("mine.test", "Mine Ltd");
    fx.tenant("theirs.test", "Theirs Ltd");
    fx.user("boss@mine.test", Role.TENANT_ADMIN, "mine.test");
    signIn("boss@mine.test", ConsoleFixture.PASSWORD);
    waitFor("tr[data-user='1001']");
    assertThat(driver.findElement(By.id("tenant-domain")).getText()).isEqualTo("mine.test");
    assertThat(driver.findElement(By.id("nav")).getText())
        .doesNotContain("Tenants")
        .doesNotContain("Staff users");
    waitFor("#create-extension");

    driver.get(fx.url() + "/#/telephony/tenants");
    waitFor("tr[data-domain='mine.test']");
    assertThat(driver.findElements(By.cssSelector("tr[data-domain]"))).hasSize(1);
    assertThat(driver.findElement(By.id("main")).getText()).doesNotContain("theirs.test");
    assertThat(driver.findElements(By.id("create-tenant"))).isEmpty();

    driver.get(fx.url() + "/#/telephony/tenants/theirs.test/extensions");
    WebElement error = waitFor("#extension-list .error");
    assertThat(error.getText()).isEqualTo("Not found.");
    assertThat(driver.findElement(By.id("main")).getText()).doesNotContain("Reception");
    chromium.screenshot("06-tenant-admin-other-tenant");

    // The same through the API from inside the signed-in page, with the CSRF token.
    @SuppressWarnings("unchecked")
    Map<String, Object> statuses =
        (Map<String, Object>)
            driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "(async () => {"
                    + " const me = await (await fetch('/api/v1/session')).json();"
                    + " const h = {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken};"
                    + " const s = async (m, p, b) => (await fetch(p, {method: m, headers: h,"
                    + "   body: b === undefined ? undefined : JSON.stringify(b)})).status;"
                    + " return {"
                    + "  tenant: await s('GET', '/api/v1/tenants/theirs.test'),"
                    + "  accounts: await s('GET', '/api/v1/tenants/theirs.test/accounts'),"
                    + "  create: await s('POST', '/api/v1/tenants/theirs.test/accounts',"
                    + "    {user: '9999', password: 'pw-9999-pw'}),"
                    + "  usage: await s('GET', '/api/v1/tenants/theirs.test/usage/daily'),"
                    + "  users: await s('GET', '/api/v1/users'),"
                    + "  suspendOwn: await s('PATCH', '/api/v1/tenants/mine.test', {status: 'active'}),"
                    + "  own: await s('GET', '/api/v1/tenants/mine.test/accounts')};"
                    + "})().then(done, e => done({error: String(e)}));");
    assertThat(statuses)
        .containsEntry("tenant", 404L)
        .containsEntry("accounts", 404L)
        .containsEntry("create", 404L)
        .containsEntry("usage", 404L)
        .containsEntry("users", 403L)
        .containsEntry("suspendOwn", 403L)
        .containsEntry("own", 200L);
    assertThat(fx.accounts.lookup("theirs.test", "9999")).isEmpty();
    assertNoMissingStrings();
  }

  @Test
  void tenantAdminChangesFeatureCodesInEnglishAndChinese() {
    fx.tenant("mine.test", "Mine Ltd");
    fx.user("boss@mine.test", Role.TENANT_ADMIN, "mine.test");
    signIn("boss@mine.test", ConsoleFixture.PASSWORD);
    waitFor("tr[data-user='1001']");
    click("a[href='#/telephony/tenants/mine.test/features']");
    WebElement dndOn = waitFor("#feature-codes input[name='dnd_on']");
    assertThat(dndOn.getAttribute("value")).isEqualTo("*78");
    assertThat(driver.findElement(By.cssSelector("tr[data-feature='forward_always_on']")).getText())
        .contains("Forward all calls", "then the number", "*72");

    fill(driver.findElement(By.id("feature-codes")), "dnd_on", "*11");
    click("#feature-codes button[type=submit]");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#tab-features p[role=status]"), "Feature codes saved."));
    PbxRepository pbx = new PbxRepository(fx.db.jdbi());
    assertThat(pbx.settings("mine.test").code(Feature.DND_ON)).isEqualTo("*11");

    // A code another feature has is refused and nothing changes.
    fill(driver.findElement(By.id("feature-codes")), "dnd_off", "*8");
    click("#feature-codes button[type=submit]");
    WebElement error = waitFor("#feature-codes .error");
    assertThat(error.getText()).contains("*8");
    assertThat(pbx.settings("mine.test").code(Feature.DND_OFF)).isEqualTo("*79");
    chromium.screenshot("09-feature-codes");

    new Select(driver.findElement(By.id("lang"))).selectByValue("zh-CN");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("tr[data-feature='dnd_on']"), "开启免打扰"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("功能码");
    assertNoMissingStrings();
    chromium.screenshot("10-feature-codes-zh-CN");
  }

  @Test
  void tenantAdminSetsVoicemailEmailRetentionAndHoldMusicInEnglishAndChinese() throws Exception {
    fx.tenant("mine.test", "Mine Ltd");
    fx.user("boss@mine.test", Role.TENANT_ADMIN, "mine.test");
    signIn("boss@mine.test", ConsoleFixture.PASSWORD);
    click("tr[data-user='1002'] button[data-action='voicemail-settings']");
    WebElement email = waitFor("form[data-voicemail='1002'] input[name='email']");
    email.sendKeys("sales@mine.test");
    click("form[data-voicemail='1002'] button[type=submit]");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("p[role=status]"), "Saved the voicemail settings of 1002."));
    assertThat(fx.mailboxes.email("mine.test", "1002")).contains("sales@mine.test");

    click("a[href='#/telephony/tenants/mine.test/features']");
    WebElement max = waitFor("#retention-form input[name='maxMessages']");
    max.sendKeys("20");
    driver.findElement(By.cssSelector("#retention-form input[name='maxAgeDays']")).sendKeys("30");
    click("#retention-form button[type=submit]");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#retention-form p[role=status]"), "Voicemail retention saved."));
    assertThat(fx.mailboxes.retention("mine.test"))
        .isEqualTo(new dev.switchboard.store.voicemail.Retention(20, 30));

    // Out of range is held back by the form itself, and nothing changes.
    fill(driver.findElement(By.id("retention-form")), "maxMessages", "0");
    click("#retention-form button[type=submit]");
    assertThat(
            ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return document.getElementById('retention-form').checkValidity()"))
        .isEqualTo(false);
    assertThat(fx.mailboxes.retention("mine.test").maxMessages()).isEqualTo(20);

    // Hold music: a WAV uploaded through the form is the tenant's; removing it twice says so.
    java.nio.file.Path wav = java.nio.file.Files.createTempFile("hold", ".wav");
    byte[] riff = new byte[48];
    System.arraycopy("RIFF".getBytes(), 0, riff, 0, 4);
    System.arraycopy("WAVE".getBytes(), 0, riff, 8, 4);
    java.nio.file.Files.write(wav, riff);
    driver
        .findElement(By.cssSelector("#hold-music-form input[name='holdMusic']"))
        .sendKeys(wav.toString());
    click("#hold-music-form button[type=submit]");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#hold-music-form p[role=status]"), "Hold music uploaded."));
    assertThat(fx.holdMusic.music("mine.test")).isPresent();
    click("#hold-music-form button[data-action='remove-hold-music']");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#hold-music-form p[role=status]"),
            "The default hold music plays again."));
    assertThat(fx.holdMusic.music("mine.test")).isEmpty();
    click("#hold-music-form button[data-action='remove-hold-music']");
    assertThat(waitFor("#hold-music-form .error").getText())
        .contains("No hold music was uploaded.");
    java.nio.file.Files.delete(wav);

    new Select(driver.findElement(By.id("lang"))).selectByValue("zh-CN");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#voicemail-retention h2"), "语音留言保留"));
    assertThat(driver.findElement(By.cssSelector("#hold-music h2")).getText()).isEqualTo("保持音乐");
    assertNoMissingStrings();
    chromium.screenshot("10b-voicemail-retention-zh-CN");
  }

  @Test
  void pagesWorkAtPhoneWidthWithKeyboardOnlyForms() {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    fx.tenant("acme.test", "Acme");
    driver.get(fx.url() + "/");
    WebElement email = waitFor("#signin input[name=email]");
    // Keyboard only: type, Tab to the password, Enter submits.
    email.sendKeys(ConsoleFixture.ADMIN);
    driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
    driver
        .switchTo()
        .activeElement()
        .sendKeys(ConsoleFixture.PASSWORD, org.openqa.selenium.Keys.ENTER);
    waitFor("tr[data-domain='acme.test']");
    assertThat(driver.findElement(By.id("menu-toggle")).isDisplayed()).isTrue();
    // Nothing wider than the screen except inside the scrolling table wrapper.
    Long overflow =
        (Long)
            driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(overflow).isLessThanOrEqualTo(0L);
    for (WebElement input : driver.findElements(By.cssSelector("main input, main select"))) {
      String id = input.getAttribute("id");
      assertThat(driver.findElements(By.cssSelector("label[for='" + id + "']")))
          .as("label for %s", input.getAttribute("name"))
          .hasSize(1);
    }
    chromium.screenshot("07-phone-tenants");
    driver.findElement(By.cssSelector("tr[data-domain='acme.test'] a")).click();
    waitFor("tr[data-user='1001']");
    chromium.screenshot("08-phone-extensions");
    assertNoMissingStrings();
  }

  @Test
  void signOutEndsTheSessionAndWrongPasswordsAreRefused() {
    driver.get(fx.url() + "/");
    WebElement form = waitFor("#signin");
    fill(form, "email", ConsoleFixture.ADMIN);
    fill(form, "password", "not-the-password");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("signin-error"), "Wrong e-mail or password."));
    chromium.screenshot("09-signin-wrong-password");
    signIn(ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD);
    waitFor("#create-tenant");
    // HttpOnly: page scripts cannot read the session cookie.
    assertThat((String) driver.executeScript("return document.cookie;"))
        .doesNotContain("sb_session");
    driver.findElement(By.id("sign-out")).click();
    waitFor("#signin");
    driver.navigate().refresh();
    waitFor("#signin");
  }

  private void signIn(String email, String password) {
    if (!driver.getCurrentUrl().startsWith(fx.url())) {
      driver.get(fx.url() + "/");
    }
    WebElement form = waitFor("#signin");
    fill(form, "email", email);
    fill(form, "password", password);
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
  }

  private WebElement waitFor(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Finds and clicks in one step, again if the list re-rendered in between (stale element). */
  private void click(String css) {
    wait.until(
        d -> {
          d.findElement(By.cssSelector(css)).click();
          return true;
        });
  }

  private static void fill(WebElement form, String name, String value) {
    WebElement input = form.findElement(By.name(name));
    input.clear();
    input.sendKeys(value);
  }

  private void assertNoMissingStrings() {
    WebDriver d = driver;
    Object missing = ((ChromeDriver) d).executeScript("return window.__missingI18n;");
    assertThat((List<?>) missing).as("keys missing from the dictionary").isEmpty();
    assertThat(d.findElement(By.tagName("body")).getText()).doesNotContain("⟦");
  }

  private void insertCall(String domain, OffsetDateTime setup, int seconds) {
    fx.db
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO call_record (sip_domain, call_id, from_uri, to_uri, direction,"
                            + " setup_time, answer_time, end_time, duration_seconds, status,"
                            + " ended_by) VALUES (:d, :id, 'sip:2001@acme.test',"
                            + " 'sip:3001@acme.test', 'internal', :s, :a, :e, :sec, 200, 'caller')")
                    .bind("d", domain)
                    .bind("id", "call-" + setup + "-" + seconds)
                    .bind("s", setup)
                    .bind("a", setup.plusSeconds(3))
                    .bind("e", setup.plusSeconds(3 + seconds))
                    .bind("sec", seconds)
                    .execute());
  }
}
