package dev.switchboard.console.churn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.console.web.Chromium;
import dev.switchboard.console.web.ConsoleFixture;
import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.churn.ChurnDemoSeed;
import dev.switchboard.demo.churn.DemoCustomerWriter;
import dev.switchboard.ops.churn.ChurnService;
import dev.switchboard.ops.churn.CustomerRisk;
import dev.switchboard.ops.churn.Scores;
import dev.switchboard.ops.churn.StoredModel;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The churn pages in headless chromium over the seeded demo story: the early-warning list shows the
 * stored risks in order, the evaluation page the stored figures and a calibration chart, the
 * reasons page a churned customer's early signals. Screenshots under target/screenshots.
 */
class ChurnBrowserTest {

  private ConsoleFixture fx;
  private Chromium chromium;
  private ChromeDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void start() throws Exception {
    fx = new ConsoleFixture();
    DemoHistory history = DemoHistory.generate(DemoHistory.DEMO_SEED, LocalDate.of(2026, 11, 25));
    DemoCustomerWriter.write(fx.db, history);
    new ChurnDemoSeed(Clock.systemUTC()).seed(fx.db, history);
    chromium = Chromium.start(1366, 900);
    driver = chromium.driver();
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
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
      fx.close();
    }
  }

  @Test
  void earlyWarningListEvaluationAndReasonsShowTheStoredFigures() throws Exception {
    ChurnService service = ChurnService.standard(fx.db, Clock.systemUTC());
    List<CustomerRisk> risks = service.risks(200);
    StoredModel model = service.latest().orElseThrow();
    assertThat(risks).isNotEmpty();

    signIn();
    driver.get(fx.url() + "/#/success/churn");
    WebElement first = waitFor("#churn-risks tbody tr");
    CustomerRisk top = risks.get(0);
    assertThat(first.getAttribute("data-domain")).isEqualTo(top.domain());
    assertThat(first.getText())
        .contains(top.company())
        .contains(String.format(Locale.ROOT, "%.1f %%", top.risk() * 100))
        .contains(top.nextTermEnd().toString());
    assertThat(driver.findElements(By.cssSelector("#churn-risks tbody tr"))).hasSize(risks.size());
    assertThat(first.findElements(By.cssSelector(".churn-reasons li")))
        .hasSize(top.reasons().size());
    assertThat(driver.findElement(By.id("churn-model-line")).getText())
        .contains(String.valueOf(model.decisionPoints()))
        .contains("50.00 CNY per seat-month");
    chromium.screenshot("churn-01-early-warning");

    driver.get(fx.url() + "/#/success/churn/model");
    WebElement lr = waitFor("#churn-scores tr[data-model='logistic_regression']");
    Scores.Result lrResult = model.evaluation().result("logistic_regression");
    assertThat(lr.findElement(By.cssSelector(".churn-auc")).getText())
        .isEqualTo(String.format(Locale.ROOT, "%.3f", lrResult.auc()));
    Scores.Result base = model.evaluation().result("health_score");
    assertThat(
            driver
                .findElement(
                    By.cssSelector("#churn-scores tr[data-model='health_score'] .churn-auc"))
                .getText())
        .isEqualTo(String.format(Locale.ROOT, "%.3f", base.auc()));
    assertThat(driver.findElement(By.id("churn-split")).getText())
        .contains(model.evaluation().cutoff().toString())
        .contains(String.valueOf(model.evaluation().testPoints()));
    waitFor("#churn-calibration canvas");
    chromium.screenshot("churn-02-model");

    driver.get(fx.url() + "/#/success/churn/reasons");
    WebElement reasonRow = waitFor("#churn-reasons tbody tr");
    reasonRow.findElement(By.cssSelector("button[data-action=signals]")).click();
    WebElement signal = waitFor("#churn-reason-detail tr[data-signal='registered_share']");
    assertThat(signal.getText()).matches("(?s).*\\d\\.\\d{3}.*");
    chromium.screenshot("churn-03-reasons");

    Object missing = driver.executeScript("return window.__missingI18n");
    assertThat((List<?>) missing).isEmpty();
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
}
