package dev.switchboard.console.sales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.console.web.Chromium;
import dev.switchboard.console.web.ConsoleFixture;
import dev.switchboard.ops.billing.Subscription;
import dev.switchboard.ops.billing.Subscriptions;
import dev.switchboard.ops.marketing.LeadDraft;
import dev.switchboard.ops.marketing.LeadRepository;
import dev.switchboard.ops.marketing.LeadStatus;
import dev.switchboard.ops.sales.BillingLink;
import dev.switchboard.ops.sales.MarketingLeadBook;
import dev.switchboard.ops.sales.Pipeline;
import dev.switchboard.ops.sales.Rep;
import dev.switchboard.ops.sales.RepRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sales pages in a real headless chromium: a lead becomes an opportunity on the board, moves a
 * stage, is won (the tenant and its subscription appear), another is lost; the leaderboard and the
 * breakdown then show the figures those deals make. Screenshots under target/screenshots.
 */
class SalesBrowserTest {

  private ConsoleFixture fx;
  private Chromium chromium;
  private ChromeDriver driver;
  private WebDriverWait wait;
  private long leadA;
  private long dealB;

  @BeforeEach
  void start() throws Exception {
    fx = new ConsoleFixture();
    Clock clock = Clock.systemUTC();
    RepRepository reps = new RepRepository(fx.db.jdbi(), clock);
    reps.create(new Rep("li.na@switchboard.test", "李娜", "north", true));
    reps.create(new Rep("liu.yang@switchboard.test", "刘洋", "south", true));
    LeadRepository leads = new LeadRepository(fx.db.jdbi(), clock);
    Pipeline pipeline =
        new Pipeline(
            fx.db,
            clock,
            new MarketingLeadBook(fx.db.jdbi(), clock),
            new BillingLink(fx.db.jdbi(), clock));
    LocalDate today = pipeline.today();
    leadA = lead(leads, "Acme Trading", 5, "website", today.minusDays(20));
    long leadB = lead(leads, "Bolt Foods", 12, "search", today.minusDays(30));
    dealB =
        pipeline
            .open(
                new Pipeline.Opening(
                    leadB,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "liu.yang@switchboard.test",
                    "business",
                    null,
                    today.minusDays(10)))
            .id();
    chromium = Chromium.start(1366, 900);
    driver = chromium.driver();
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  private static long lead(
      LeadRepository leads, String company, int seats, String channel, LocalDate on) {
    return leads
        .create(
            new LeadDraft(
                "Boss of " + company,
                null,
                "boss@" + company.toLowerCase().replace(' ', '-') + ".example",
                company,
                "retail",
                "华东",
                seats,
                channel,
                null,
                null,
                'A',
                "li.na@switchboard.test",
                on),
            "test")
        .id();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (chromium != null) {
        try {
          chromium.screenshot("sales-last");
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
  void aDealIsOpenedMovedWonAndLostAndTheFiguresFollow() {
    signIn();
    driver.get(fx.url() + "/#/sales/pipeline");
    WebElement bCard =
        waitFor(".sales-column[data-stage='qualification'] .sales-card[data-id='" + dealB + "']");
    // business: 6000.00 + 900.00 × 12 seats
    assertThat(bCard.getText()).contains("Bolt Foods").contains("16,800.00").contains("刘洋");

    WebElement form = waitFor("#sales-open");
    form.findElement(By.name("leadId")).sendKeys(String.valueOf(leadA));
    new Select(form.findElement(By.name("plan"))).selectByValue("starter");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("sales-message"), "Acme Trading opened at 8,000.00"));
    WebElement qualification = waitFor(".sales-column[data-stage='qualification'] .sales-total");
    // Two deals in qualification: 8000.00 + 16800.00
    wait.until(d -> qualification(d).contains("2 open") && qualification(d).contains("24,800.00"));
    chromium.screenshot("sales-01-board");

    WebElement aCard =
        waitFor(
            ".sales-column[data-stage='qualification'] .sales-card:not([data-id='" + dealB + "'])");
    String aId = aCard.getAttribute("data-id");
    aCard.findElement(By.cssSelector("button[data-action=next]")).click();
    WebElement moved =
        waitFor(".sales-column[data-stage='demo'] .sales-card[data-id='" + aId + "']");
    assertThat(moved.getText()).contains("Acme Trading");
    assertThat(
            driver
                .findElement(By.cssSelector(".sales-column[data-stage='demo'] .sales-total"))
                .getText())
        .contains("1 open")
        .contains("8,000.00");

    moved.findElement(By.cssSelector("button[data-action=win]")).click();
    WebElement win = waitFor(".sales-card[data-id='" + aId + "'] form[data-form=win]");
    win.findElement(By.name("domain")).sendKeys("acme-browser.test");
    win.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("sales-message"), "tenant acme-browser.test and its subscription created"));
    WebElement wonRow = waitFor("#sales-won tr[data-domain='acme-browser.test']");
    wait.until(
        d ->
            d.findElement(By.cssSelector("#sales-won tr[data-domain='acme-browser.test']"))
                .getText()
                .contains("starter × 5, active"));
    assertThat(wonRow.getText()).contains("Acme Trading").contains("8,000.00").contains("8,000.00");
    assertThat(fx.tenants.find("acme-browser.test")).isPresent();
    Subscription sub = new Subscriptions(fx.db.jdbi(), Clock.systemUTC()).get("acme-browser.test");
    assertThat(sub.planCode()).isEqualTo("starter");
    assertThat(sub.seats()).isEqualTo(5);
    assertThat(new LeadRepository(fx.db.jdbi(), Clock.systemUTC()).get(leadA).status())
        .isEqualTo(LeadStatus.WON);
    chromium.screenshot("sales-02-won");

    WebElement b = waitFor(".sales-card[data-id='" + dealB + "']");
    b.findElement(By.cssSelector("button[data-action=lose]")).click();
    WebElement lose = waitFor(".sales-card[data-id='" + dealB + "'] form[data-form=lose]");
    new Select(lose.findElement(By.name("reason"))).selectByValue("no_budget");
    lose.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("sales-message"), "Bolt Foods marked lost"));
    wait.until(d -> d.findElements(By.cssSelector(".sales-card")).isEmpty());

    // The tenant is on the tenants page.
    driver.get(fx.url() + "/#/telephony/tenants");
    assertThat(waitFor("tr[data-domain='acme-browser.test']").getText()).contains("Acme Trading");

    // li.na: 1 won of 1 closed, 8000.00; liu.yang: 0 won, 1 lost → 0.0 %.
    driver.get(fx.url() + "/#/sales/leaderboard");
    WebElement li = waitFor("#sales-leaderboard tr[data-key='li.na@switchboard.test']");
    List<String> cells =
        li.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    assertThat(cells)
        .containsExactly(
            "1", "李娜", "north", "1", "1.00", "8,000.00", "8,000.00", "0.0", "100.0%", "0");
    List<String> liu =
        waitFor("#sales-leaderboard tr[data-key='liu.yang@switchboard.test']")
            .findElements(By.tagName("td"))
            .stream()
            .map(WebElement::getText)
            .toList();
    assertThat(liu).containsExactly("2", "刘洋", "south", "0", "0.00", "0.00", "—", "—", "0.0%", "0");
    assertThat(waitFor("#sales-teams tr[data-key='north']").getText()).contains("100.0%");
    chromium.screenshot("sales-03-leaderboard");

    driver.get(fx.url() + "/#/sales/breakdown");
    WebElement web = waitFor("#sales-breakdown tr[data-key='website']");
    assertThat(web.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
        .containsExactly(
            "Official website", "1", "1", "100.0%", "0.0", "0.0%", "8,000.00", "0", "0.00");
    assertThat(waitFor("#sales-breakdown tr[data-key='search']").getText()).contains("0.0%");
    new Select(driver.findElement(By.id("sales-by"))).selectByValue("size");
    WebElement small = waitFor("#sales-breakdown tr[data-key='small']");
    assertThat(small.getText()).startsWith("Small (6–12 seats)");
    chromium.screenshot("sales-04-breakdown");
    assertNoMissingStrings();

    // The won deal's page: its stages with their days, its customer, and a refund inside the
    // window: won today, refunded today → all 365 days of 5 × 1000.00 come back.
    driver.get(fx.url() + "/#/sales/opportunities");
    waitFor("#sales-opportunities tr[data-id='" + aId + "'] a").click();
    WebElement history = waitFor("#sales-history");
    assertThat(
            history.findElements(By.tagName("li")).stream()
                .map(item -> item.getAttribute("data-stage"))
                .toList())
        .containsExactly("qualification", "demo", "won");
    assertThat(waitFor("#sales-deal-customer").getText())
        .contains("acme-browser.test")
        .contains("starter × 5, active");
    WebElement refund = waitFor("#sales-refund");
    refund.findElement(By.name("reason")).sendKeys("wrong product");
    refund.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("sales-message"), "Acme Trading refunded: 5,000.00"));
    assertThat(waitFor("#sales-history li[data-stage='refunded']").getText()).contains("Refunded");
    assertThat(driver.findElement(By.id("sales-deal-customer")).getText()).contains("cancelled");
    chromium.screenshot("sales-05-refunded");
    driver.get(fx.url() + "/#/sales/leaderboard");
    wait.until(
        d ->
            d.findElement(
                    By.cssSelector("#sales-leaderboard tr[data-key='li.na@switchboard.test']"))
                .getText()
                .endsWith("1 (5,000.00)"));
    assertNoMissingStrings();

    new Select(driver.findElement(By.id("lang"))).selectByValue("zh-CN");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "销售排行榜"));
    for (String page :
        List.of(
            "#/sales/pipeline",
            "#/sales/opportunities",
            "#/sales/opportunities/" + aId,
            "#/sales/opportunities/" + dealB,
            "#/sales/leaderboard",
            "#/sales/breakdown")) {
      driver.get(fx.url() + "/" + page);
      waitFor("main h1");
      wait.until(d -> !d.findElement(By.id("main")).getText().contains("加载中"));
      assertNoMissingStrings();
    }
    assertThat(waitFor("#sales-breakdown").getText()).contains("官网");
    chromium.screenshot("sales-06-zh-CN");
  }

  private static String qualification(org.openqa.selenium.WebDriver d) {
    return d.findElement(By.cssSelector(".sales-column[data-stage='qualification'] .sales-total"))
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
