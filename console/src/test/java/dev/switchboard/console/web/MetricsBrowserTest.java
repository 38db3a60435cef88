package dev.switchboard.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.console.metrics.MetricsStory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
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
 * The metrics pages in headless chromium over the {@link MetricsStory} (the seed's customer and a
 * growing clinic, written through the billing API): the KPI strip, the movements, the cohort
 * heatmap and the 收益度 tables show the hand-computed figures.
 */
class MetricsBrowserTest {

  private ConsoleFixture fx;
  private Chromium chromium;
  private ChromeDriver driver;
  private WebDriverWait wait;
  private MetricsStory story;

  @BeforeEach
  void start() throws Exception {
    fx = new ConsoleFixture();
    story = MetricsStory.seed(fx.db);
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
        chromium.close();
      }
    } finally {
      if (fx != null) {
        fx.close();
      }
    }
  }

  @Test
  void overviewCohortsAndYieldShowTheHandComputedFigures() {
    signIn();
    open("#/metrics?asOf=2025-06-30&from=2024-01&to=2025-06");
    WebElement mrr = waitFor("#kpi-mrr");
    assertThat(text("#metrics-asof")).contains("2025-06-30");
    assertThat(mrr.getText()).contains("333.33").contains("2025-06-30");
    assertThat(text("#kpi-arr")).contains("3,999.96");
    assertThat(text("#kpi-customers")).contains("1");
    assertThat(text("#kpi-arpa")).contains("333.33");
    // Trailing window 2024-07 .. 2025-06: 750.00 at the start, 333.33 left at the end.
    assertThat(text("#kpi-nrr")).contains("44.44%").contains("2024-07");
    assertThat(text("#kpi-grr")).contains("44.44%");
    assertThat(text("#kpi-logo-churn")).contains("4.76%");
    assertThat(text("#kpi-ltv-cac")).contains("—").contains("4,959.90");
    assertThat(text("tr[data-month='2024-01']")).contains("583.34").contains("166.67");
    assertThat(text("tr[data-month='2024-06']")).contains("750.00").contains("166.66");
    assertThat(text("tr[data-month='2025-03']")).contains("-416.67").contains("333.33");
    assertThat(driver.findElements(By.cssSelector("tr[data-month]"))).hasSize(18);
    waitFor("#metrics-chart canvas");
    assertThat(text("#metrics-chart")).contains("Churn").contains("Expansion");
    chromium.screenshot("metrics-01-overview");

    open("#/metrics/cohorts?asOf=2025-06-30&from=2022-03&to=2024-01");
    waitFor("tr[data-cohort='2022-03']");
    assertThat(driver.findElements(By.cssSelector("tr[data-cohort]"))).hasSize(23);
    assertThat(text("tr[data-cohort='2022-03'] td[data-age='0']")).isEqualTo("100.00%");
    assertThat(text("tr[data-cohort='2022-03'] td[data-age='35']")).isEqualTo("100.00%");
    assertThat(text("tr[data-cohort='2022-03'] td[data-age='36']")).isEqualTo("0.00%");
    assertThat(text("tr[data-cohort='2022-04'] td[data-age='0']")).isEqualTo("—");
    chromium.screenshot("metrics-02-cohorts");
    open("#/metrics/cohorts?asOf=2025-06-30&from=2022-03&to=2024-01&kind=revenue");
    wait.until(
        ExpectedConditions.textToBe(
            By.cssSelector("tr[data-cohort='2024-01'] td[data-age='5']"), "199.99%"));

    open("#/metrics/yield?asOf=2025-06-30");
    waitFor("#yield-channel tr[data-group='search']");
    WebElement acme = row("tr[data-customer]", "海川贸易");
    assertThat(acme.getText())
        .contains("search")
        .contains("18,000.00")
        .contains("105.00")
        .contains("171.4")
        .contains("churned");
    BigDecimal betaPaid = new BigDecimal("9000.00").add(story.betaUpgrade);
    String betaRatio = betaPaid.divide(new BigDecimal("400"), 1, RoundingMode.HALF_UP).toString();
    assertThat(row("tr[data-customer]", "Beta Clinic").getText())
        .contains(betaRatio)
        .contains("paying");
    assertThat(text("#yield-channel tr[data-group='search']")).contains("171.4");
    assertThat(text("#yield-tier tr[data-group='vip']")).contains(betaRatio);
    assertThat(text("#yield-industry tr[data-group='retail']")).contains("18,000.00");
    chromium.screenshot("metrics-03-yield");
    assertNoMissingStrings();

    new Select(driver.findElement(By.id("lang"))).selectByValue("zh-CN");
    for (String page :
        List.of(
            "#/metrics?asOf=2025-06-30",
            "#/metrics/cohorts?asOf=2025-06-30&kind=revenue",
            "#/metrics/yield?asOf=2025-06-30")) {
      open(page);
      waitFor("#metrics-asof");
      assertNoMissingStrings();
    }
    assertThat(text("#yield-channel")).contains("按获客渠道").contains("171.4");
    chromium.screenshot("metrics-04-yield-zh-CN");
  }

  private void signIn() {
    driver.get(fx.url() + "/");
    WebElement form = waitFor("#signin");
    form.findElement(By.name("email")).sendKeys(ConsoleFixture.ADMIN);
    form.findElement(By.name("password")).sendKeys(ConsoleFixture.PASSWORD);
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
  }

  private void open(String hash) {
    driver.get(fx.url() + "/" + hash);
  }

  private WebElement waitFor(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private String text(String css) {
    return waitFor(css).getText();
  }

  private WebElement row(String css, String containing) {
    return wait.until(
        d ->
            d.findElements(By.cssSelector(css)).stream()
                .filter(e -> e.getText().contains(containing))
                .findFirst()
                .orElse(null));
  }

  private void assertNoMissingStrings() {
    Object missing = driver.executeScript("return window.__missingI18n;");
    assertThat((List<?>) missing).as("keys missing from the dictionary").isEmpty();
    assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("⟦");
  }
}
