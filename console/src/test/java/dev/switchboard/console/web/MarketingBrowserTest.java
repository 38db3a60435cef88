package dev.switchboard.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ops.marketing.Campaign;
import dev.switchboard.ops.marketing.CampaignRepository;
import dev.switchboard.ops.marketing.Lead;
import dev.switchboard.ops.marketing.LeadDraft;
import dev.switchboard.ops.marketing.LeadFilter;
import dev.switchboard.ops.marketing.LeadRepository;
import dev.switchboard.ops.marketing.LeadStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The marketing pages in headless chromium against a real server with a small known history: the
 * funnel and Pareto figures on the overview, filters and bulk assign on the lead list, moving a
 * lead and its timeline, a campaign's funnel and 复盘, and the public trial page creating a lead.
 */
class MarketingBrowserTest {

  private ConsoleFixture fx;
  private Chromium chromium;
  private ChromeDriver driver;
  private WebDriverWait wait;
  private LeadRepository leads;
  private long validTradeShowLead;

  @BeforeEach
  void start() throws Exception {
    fx = new ConsoleFixture();
    chromium = Chromium.start(1366, 900);
    driver = chromium.driver();
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    // Pages re-render after each fetch: an element read mid-render is looked up again.
    wait.ignoring(StaleElementReferenceException.class);
    leads = new LeadRepository(fx.db.jdbi(), Clock.systemUTC());
    history();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      if (fx != null) {
        fx.close();
      }
    }
  }

  /**
   * Five leads in the last month: three from a trade-show campaign that cost 3000.00 (one won, one
   * valid, one new) and two from the website at no cost (one won). Funnel: 5 leads, 3 valid, 2 won;
   * 600.00 per lead, 1000.00 per valid lead, 1500.00 per won customer.
   */
  private void history() {
    LocalDate today = leads.today();
    new CampaignRepository(fx.db.jdbi(), Clock.systemUTC())
        .create(
            new Campaign(
                "expo",
                "Spring expo",
                "trade_show",
                today.minusDays(30),
                today.minusDays(1),
                "Booth 12",
                null,
                new BigDecimal("3200.00"),
                new BigDecimal("3000.00"),
                3,
                1,
                null));
    long won = lead("展会客户甲", "13811110001", "expo", null, today.minusDays(20));
    leads.advance(won, LeadStatus.VALID, today.minusDays(19), "t", null);
    leads.advance(won, LeadStatus.WON, today.minusDays(10), "t", null);
    validTradeShowLead = lead("展会客户乙", "13811110002", "expo", null, today.minusDays(20));
    leads.advance(validTradeShowLead, LeadStatus.VALID, today.minusDays(18), "t", null);
    lead("展会客户丙", "13811110003", "expo", null, today.minusDays(20));
    long web = lead("官网客户", "13811110004", null, "website", today.minusDays(15));
    leads.advance(web, LeadStatus.WON, today.minusDays(5), "t", null);
    lead("官网访客", "13811110005", null, "website", today.minusDays(15));
  }

  private long lead(String name, String phone, String campaign, String channel, LocalDate on) {
    return leads
        .create(
            new LeadDraft(
                name,
                phone,
                null,
                name + "公司",
                "retail",
                "华东",
                8,
                channel,
                campaign,
                null,
                null,
                null,
                on),
            "fixture")
        .id();
  }

  @Test
  void overviewLeadsCampaignAndTrialPage() throws Exception {
    signIn();
    driver.get(fx.url() + "/#/marketing");
    WebElement total = waitFor("#mk-total");
    assertThat(count(total, "leads")).isEqualTo("5");
    assertThat(count(total, "valid")).isEqualTo("3");
    assertThat(count(total, "won")).isEqualTo("2");
    assertThat(total.findElement(By.cssSelector("[data-cost=lead]")).getText()).isEqualTo("600.00");
    assertThat(total.findElement(By.cssSelector("[data-cost=valid]")).getText())
        .isEqualTo("1,000.00");
    assertThat(total.findElement(By.cssSelector("[data-cost=won]")).getText())
        .isEqualTo("1,500.00");
    List<WebElement> pareto = driver.findElements(By.cssSelector(".mk-pareto-row"));
    // One won each; the website's cost nothing, so it ranks first and is marked grow.
    assertThat(pareto.get(0).getAttribute("data-channel")).isEqualTo("website");
    assertThat(pareto.get(0).getAttribute("class")).contains("advice-grow");
    assertThat(pareto.get(0).getText()).contains("Official website").contains("50.0%");
    assertThat(pareto.get(1).getAttribute("data-channel")).isEqualTo("trade_show");
    assertThat(pareto.get(1).getText()).contains("100.0%");
    WebElement rankRow = driver.findElement(By.cssSelector("tr[data-channel=trade_show]"));
    assertThat(rankRow.getText()).contains("3,000.00").contains("Keep");
    chromium.screenshot("marketing-01-overview");
    assertNoMissingStrings();

    driver.get(fx.url() + "/#/marketing/leads");
    WebElement filters = waitFor("#lead-filters");
    wait.until(d -> d.findElements(By.cssSelector("select[name=channel] option")).size() > 12);
    new Select(filters.findElement(By.name("channel"))).selectByValue("trade_show");
    filters.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBe(By.id("lead-total"), "3 leads"));
    assertThat(driver.findElements(By.cssSelector("#lead-list tbody tr"))).hasSize(3);
    assertThat(driver.findElement(By.id("lead-export")).getAttribute("href"))
        .contains("channel=trade_show")
        .contains("format=csv");
    List<WebElement> boxes =
        driver.findElements(By.cssSelector("#lead-list tbody input[type=checkbox]"));
    boxes.get(0).click();
    boxes.get(1).click();
    WebElement bulk = driver.findElement(By.id("lead-bulk"));
    bulk.findElement(By.name("newOwner")).sendKeys("li.na@switchboard.test");
    bulk.findElement(By.cssSelector("button[data-action=assign]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("p[role=status]"), "2 leads changed."));
    LeadFilter owned =
        new LeadFilter(null, null, null, "li.na@switchboard.test", null, null, null, null, false);
    assertThat(leads.list(owned, null, 10).total()).isEqualTo(2);
    chromium.screenshot("marketing-02-leads");

    driver.get(fx.url() + "/#/marketing/leads/" + validTradeShowLead);
    WebElement move = waitFor("#lead-move");
    new Select(move.findElement(By.name("status"))).selectByValue("opportunity");
    move.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("lead-timeline"), "Opportunity"));
    WebElement note = waitFor("#lead-note");
    note.findElement(By.name("body")).sendKeys("宜在展会后一周回访");
    note.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("lead-timeline"), "宜在展会后一周回访"));
    assertThat(driver.findElements(By.cssSelector("#lead-timeline li")))
        .extracting(e -> e.getAttribute("data-kind"))
        .containsExactly("created", "valid", "updated", "opportunity", "note");
    assertThat(leads.get(validTradeShowLead).status()).isEqualTo(LeadStatus.OPPORTUNITY);
    chromium.screenshot("marketing-03-lead");

    driver.get(fx.url() + "/#/marketing/campaigns/expo");
    WebElement funnel = waitFor("#campaign-funnel");
    assertThat(count(funnel, "leads")).isEqualTo("3");
    assertThat(count(funnel, "opportunity")).isEqualTo("2");
    assertThat(count(funnel, "won")).isEqualTo("1");
    assertThat(funnel.findElement(By.cssSelector("[data-cost=lead]")).getText())
        .isEqualTo("1,000.00");
    assertThat(funnel.findElement(By.cssSelector("[data-cost=won]")).getText())
        .isEqualTo("3,000.00");
    WebElement retro = waitFor("#campaign-retro");
    retro.findElement(By.name("worked")).sendKeys("Owners of small shops came to the booth");
    retro.findElement(By.name("change")).sendKeys("Book a smaller booth");
    retro.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("p[role=status]"), "Retrospective saved."));
    assertThat(
            new CampaignRepository(fx.db.jdbi(), Clock.systemUTC())
                .get("expo")
                .retrospective()
                .change())
        .isEqualTo("Book a smaller booth");
    chromium.screenshot("marketing-04-campaign");
    assertNoMissingStrings();

    driver.get(fx.url() + "/trial.html?utm_source=baidu&utm_medium=cpc&lang=zh-CN");
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    long opened = System.nanoTime();
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("免费试用 Switchboard 30 天");
    WebElement form = driver.findElement(By.id("trial-form"));
    form.findElement(By.name("name")).sendKeys("试用客户");
    form.findElement(By.name("company")).sendKeys("杭州试用贸易有限公司");
    form.findElement(By.name("phone")).sendKeys("139 8888 0001");
    form.findElement(By.name("seats")).sendKeys("6");
    // People take a few seconds to fill the form; the server refuses faster submissions.
    long waited = Duration.ofNanos(System.nanoTime() - opened).toMillis();
    Thread.sleep(Math.max(0, 3_300 - waited));
    form.findElement(By.id("trial-submit")).click();
    wait.until(ExpectedConditions.textToBe(By.id("trial-message"), "谢谢！我们会在一个工作日内联系您。"));
    Lead signedUp =
        leads
            .list(
                new LeadFilter(null, null, null, null, null, "+8613988880001", null, null, false),
                null,
                5)
            .items()
            .get(0);
    assertThat(signedUp.channel()).isEqualTo("search");
    assertThat(signedUp.company()).isEqualTo("杭州试用贸易有限公司");
    assertThat(signedUp.seats()).isEqualTo(6);
    chromium.screenshot("marketing-05-trial");
    assertNoMissingStrings();
  }

  private static String count(WebElement funnel, String stage) {
    return funnel
        .findElement(By.cssSelector(".mk-step[data-stage=" + stage + "] .mk-step-count"))
        .getText();
  }

  private void signIn() {
    driver.get(fx.url() + "/");
    WebElement form = waitFor("#signin");
    form.findElement(By.name("email")).sendKeys(ConsoleFixture.ADMIN);
    form.findElement(By.name("password")).sendKeys(ConsoleFixture.PASSWORD);
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
  }

  private WebElement waitFor(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private void assertNoMissingStrings() {
    Object missing = driver.executeScript("return window.__missingI18n;");
    assertThat((List<?>) missing).as("keys missing from the dictionary").isEmpty();
    assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("⟦");
  }
}
