package dev.switchboard.console.success;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.console.web.Chromium;
import dev.switchboard.console.web.ConsoleFixture;
import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.ops.success.CaseKind;
import dev.switchboard.ops.success.CaseRepository;
import dev.switchboard.ops.success.CustomerFactsSource;
import dev.switchboard.ops.success.FeedbackInbox;
import dev.switchboard.ops.success.HealthRun;
import dev.switchboard.ops.success.HelpCenter;
import dev.switchboard.ops.success.NewCase;
import dev.switchboard.ops.success.PaymentPunctuality;
import dev.switchboard.ops.success.SuccessSettings;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.usage.ActiveBinding;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The success pages in headless chromium against a real server: the dashboard's distribution and
 * at-risk list, a customer's 360 with its trend, what moved it, the journey and live registrations,
 * the cases board, help-center search in Chinese and English, the feedback inbox and the tier
 * editor. Screenshots under {@code target/screenshots/}.
 */
class SuccessBrowserTest {

  private ConsoleFixture fx;
  private Chromium chromium;
  private ChromeDriver driver;
  private WebDriverWait wait;
  private String name;

  @BeforeEach
  void start(TestInfo info) throws Exception {
    name = info.getTestMethod().orElseThrow().getName();
    fx = new ConsoleFixture();
    chromium = Chromium.start(1366, 900);
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
          chromium.screenshot("success-" + name + "-last");
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

  /** Two customers over six weeks: fading turns red in the last two weeks, steady stays green. */
  private void story() {
    fx.tenant("fading.test", "Fading Ltd");
    fx.tenant("steady.test", "Steady Ltd");
    Clock clock = Clock.systemUTC();
    LocalDate week = BusinessCalendar.weekStart(BusinessCalendar.today(clock.instant()));
    fx.db
        .jdbi()
        .useHandle(
            h -> {
              long fading = TenantRepository.idOf(h, "fading.test").orElseThrow();
              long steady = TenantRepository.idOf(h, "steady.test").orElseThrow();
              h.execute(
                  "INSERT INTO customer_profile (tenant_id, company, owner_email, acquisition_channel,"
                      + " acquired_on, updated_at) VALUES (?, '渐弱贸易', 'li.na@switchboard.test',"
                      + " 'trade_show', ?, CURRENT_TIMESTAMP)",
                  fading,
                  week.minusMonths(10));
              for (int w = 0; w < 6; w++) {
                boolean busy = w < 4;
                h.execute(
                    "INSERT INTO tenant_usage_week VALUES (?, ?, 10, ?, ?, ?, ?, 2, 3)",
                    fading,
                    week.minusWeeks(5 - w),
                    busy ? 9 : 1,
                    busy ? 5 : 1,
                    busy ? 220 : 4,
                    busy ? 500 : 6);
                h.execute(
                    "INSERT INTO tenant_usage_week VALUES (?, ?, 10, 9, 5, 220, 500, 2, 3)",
                    steady,
                    week.minusWeeks(5 - w));
              }
            });
    // fading's extension 1001 is registered right now
    fx.registered.add(
        new ActiveBinding(
            0,
            "sip:1001@fading.test",
            "<sip:1001@10.0.0.7:5060>",
            "udp",
            "Yealink T46U",
            Instant.now().plus(Duration.ofHours(1))));
    SuccessSettings settings = new SuccessSettings(fx.db, clock);
    settings.saveHealthModel(
        new dev.switchboard.ops.success.HealthModel(
            java.util.Map.of(), java.util.Map.of(), 50, 75, 2));
    HealthRun run = new HealthRun(fx.db, settings, PaymentPunctuality.NONE, clock);
    for (int w = 5; w >= 0; w--) {
      run.run(week.minusWeeks(w));
    }
    new CaseRepository(fx.db, clock)
        .open(
            new NewCase("fading.test", CaseKind.COMPLAINT, "通话经常掉线", null, "王经理", null, null, null),
            Instant.now().minus(Duration.ofDays(2)));
  }

  @Test
  void dashboardAndCustomer360ShowTheRedCustomerAndWhy() {
    story();
    signIn();
    driver.get(fx.url() + "/#/success");
    WebElement red = waitFor("#sx-distribution [data-band=red]");
    assertThat(red.getText()).startsWith("1");
    assertThat(driver.findElement(By.cssSelector("#sx-distribution [data-band=green]")).getText())
        .startsWith("1");
    WebElement risk = waitFor("#sx-at-risk tr[data-domain='fading.test']");
    assertThat(risk.getText()).contains("渐弱贸易").contains("red").contains("li.na@switchboard.test");
    assertThat(driver.findElement(By.id("sx-at-risk")).getText()).doesNotContain("steady.test");
    assertThat(driver.findElement(By.id("sx-open-cases")).getText()).contains("1");
    chromium.screenshot("success-01-dashboard");

    risk.findElement(By.cssSelector("a")).click();
    waitFor("#sx-moved tr[data-signal=calls]");
    String head = driver.findElement(By.cssSelector(".sx-head")).getText();
    assertThat(head).contains("渐弱贸易").contains("red").contains("trade_show");
    // Calls per seat fell from full to almost nothing: the calls row shows a loss.
    assertThat(driver.findElement(By.cssSelector("#sx-moved tr[data-signal=calls]")).getText())
        .contains("Calls per seat")
        .contains("-");
    assertThat(driver.findElement(By.id("sx-trend-text")).getText()).contains(":");
    waitFor("#sx-trend canvas");
    WebElement reg = waitFor("#sx-registrations tr[data-aor='sip:1001@fading.test']");
    assertThat(reg.getText()).contains("Yealink T46U");
    String journey = driver.findElement(By.id("sx-journey")).getText();
    assertThat(journey)
        .contains("Case opened: 通话经常掉线")
        .contains("Health red")
        .contains("Customer won via trade_show");
    assertThat(driver.findElement(By.id("sx-usage")).getText()).contains("220");
    chromium.screenshot("success-02-customer-360");
    assertNoMissingStrings();
  }

  @Test
  void casesBoardOpensAndMovesACase() {
    story();
    signIn();
    driver.get(fx.url() + "/#/success/cases");
    WebElement form = waitFor("#sx-new-case");
    fill(form, "domain", "steady.test");
    new Select(form.findElement(By.name("kind"))).selectByValue("onboarding_training");
    fill(form, "subject", "Train the front desk");
    new Select(form.findElement(By.name("priority"))).selectByValue("high");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".sx-column[data-status=open]"), "Train the front desk"));
    WebElement card =
        driver.findElements(By.cssSelector(".sx-column[data-status=open] .sx-card")).stream()
            .filter(e -> e.getText().contains("Train the front desk"))
            .findFirst()
            .orElseThrow();
    assertThat(card.getText()).contains("Onboarding training").contains("High");
    assertThat(driver.findElement(By.cssSelector(".sx-column[data-status=open] h2")).getText())
        .contains("(2)");
    chromium.screenshot("success-03-cases-board");
    card.findElement(By.cssSelector("button[data-to=in_progress]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".sx-column[data-status=in_progress]"), "Train the front desk"));
    long id =
        Long.parseLong(
            driver
                .findElement(By.cssSelector(".sx-column[data-status=in_progress] .sx-card"))
                .getAttribute("data-case"));
    assertThat(new CaseRepository(fx.db, Clock.systemUTC()).history(id))
        .extracting(dev.switchboard.ops.success.CaseEvent::to)
        .containsExactly("open", "in_progress");
    assertNoMissingStrings();
  }

  @Test
  void helpCenterSearchesChineseAndEnglishAndTenantAdminsReadIt() {
    HelpCenter help = new HelpCenter(fx.db, Clock.systemUTC());
    help.createCategory("calls", "Calls", "通话", 1);
    help.create("calls", "faq", "如何设置呼叫转移", "在分机设置里填写转移号码，无人接听时转到手机。", true);
    help.create(
        "calls", "faq", "Setting up voicemail", "Turn voicemail on for an extension.", true);
    help.create("calls", "answer", "Internal: voicemail PIN reset script", "Staff only.", true);
    fx.tenant("mine.test", "Mine");
    fx.user("boss@mine.test", dev.switchboard.store.staff.Role.TENANT_ADMIN, "mine.test");
    driver.get(fx.url() + "/");
    WebElement f = waitFor("#signin");
    fill(f, "email", "boss@mine.test");
    fill(f, "password", ConsoleFixture.PASSWORD);
    f.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    driver.get(fx.url() + "/#/help");
    waitFor("#sx-help-results details");
    assertThat(driver.findElements(By.cssSelector("#sx-help-results details"))).hasSize(2);
    assertThat(driver.findElement(By.id("sx-help-results")).getText()).doesNotContain("PIN reset");
    fill(driver.findElement(By.id("sx-help-search")), "q", "呼叫转移");
    driver.findElement(By.cssSelector("#sx-help-search button")).click();
    wait.until(d -> d.findElements(By.cssSelector("#sx-help-results details")).size() == 1);
    assertThat(driver.findElement(By.id("sx-help-results")).getText()).contains("如何设置呼叫转移");
    fill(driver.findElement(By.id("sx-help-search")), "q", "voicemail");
    driver.findElement(By.cssSelector("#sx-help-search button")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("sx-help-results"), "Setting up voicemail"));
    assertThat(driver.findElements(By.cssSelector("#sx-help-results details"))).hasSize(1);
    chromium.screenshot("success-04-help");
    assertNoMissingStrings();
  }

  @Test
  void feedbackInboxAndTierEditorInChinese() {
    story();
    FeedbackInbox inbox = new FeedbackInbox(fx.db, CustomerFactsSource.NONE, Clock.systemUTC());
    inbox.submit("fading.test", "case", "1", "Calls drop after 30 minutes on the softphone", null);
    inbox.submit("steady.test", "sales", null, "calls drop after 30 minutes on softphone", null);
    inbox.submit("steady.test", "survey", null, "建议增加通话录音导出", null);
    signIn();
    new Select(driver.findElement(By.id("lang"))).selectByValue("zh-CN");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("nav"), "产品反馈"));
    driver.get(fx.url() + "/#/success/feedback");
    WebElement first = waitFor("#sx-inbox tr[data-feedback]");
    assertThat(first.findElement(By.cssSelector(".sx-reports")).getText()).isEqualTo("2");
    assertThat(first.findElement(By.cssSelector(".sx-customers")).getText()).isEqualTo("2");
    assertThat(new Select(first.findElement(By.name("kind"))).getFirstSelectedOption().getText())
        .isEqualTo("缺陷");
    new Select(first.findElement(By.name("status"))).selectByValue("planned");
    wait.until(d -> "planned".equals(inbox.list("steady.test", 5).get(1).status()));
    chromium.screenshot("success-05-feedback-zh");

    driver.get(fx.url() + "/#/success/tiers");
    WebElement silver = waitFor("#sx-tiers tr[data-tier=silver]");
    WebElement spend = silver.findElement(By.name("minAnnualSpend"));
    spend.clear();
    spend.sendKeys("12000");
    silver.findElement(By.cssSelector("button[data-action=save]")).click();
    wait.until(
        d ->
            new dev.switchboard.ops.success.Tiers(
                        fx.db, CustomerFactsSource.NONE, Clock.systemUTC())
                    .rules().stream()
                        .filter(r -> r.code().equals("silver"))
                        .findFirst()
                        .orElseThrow()
                        .minAnnualSpend()
                        .compareTo(new BigDecimal("12000"))
                == 0);
    for (String page :
        List.of("#/success", "#/success/cases", "#/help", "#/success/customers/fading.test")) {
      driver.get(fx.url() + "/" + page);
      waitFor("main h1");
      wait.until(d -> !d.findElement(By.id("main")).getText().contains("加载中"));
      assertNoMissingStrings();
    }
    assertThat(driver.findElement(By.id("main")).getText()).contains("用户路径").contains("健康度趋势");
    chromium.screenshot("success-06-customer-zh");
  }

  private void signIn() {
    driver.get(fx.url() + "/");
    WebElement form = waitFor("#signin");
    fill(form, "email", ConsoleFixture.ADMIN);
    fill(form, "password", ConsoleFixture.PASSWORD);
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
  }

  private WebElement waitFor(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private static void fill(WebElement form, String name, String value) {
    WebElement input = form.findElement(By.name(name));
    input.clear();
    input.sendKeys(value);
  }

  private void assertNoMissingStrings() {
    Object missing = driver.executeScript("return window.__missingI18n;");
    assertThat((List<?>) missing).as("keys missing from the dictionary").isEmpty();
    assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("⟦");
  }
}
