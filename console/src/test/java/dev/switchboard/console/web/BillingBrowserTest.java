package dev.switchboard.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ops.billing.Invoice;
import dev.switchboard.ops.billing.Invoices;
import dev.switchboard.ops.billing.Subscriptions;
import dev.switchboard.store.tenant.TenantRepository;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
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
 * The billing pages in a real headless chromium: the customer list, one customer's billing with the
 * seed's 8000 / 5000 figures, a seat change, the overdue filter, paying an invoice, and the renewal
 * calendar. Screenshots under {@code target/screenshots/billing-*}.
 */
class BillingBrowserTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private ConsoleFixture fx;
  private Chromium chromium;
  private ChromeDriver driver;
  private WebDriverWait wait;

  private LocalDate today;
  private LocalDate termEnd;
  private String renewalNumber;

  @BeforeEach
  void start() throws Exception {
    fx = new ConsoleFixture();
    fx.tenant("acme.test", "Acme Trading");
    long id = fx.db.jdbi().withHandle(h -> TenantRepository.idOf(h, "acme.test").orElseThrow());
    today = LocalDate.now(SHANGHAI);
    // Sold 14 months ago: 8000 paid; renewed two months ago for 5000, due a month ago, unpaid.
    LocalDate sold = today.minusMonths(14);
    Invoice first =
        new Subscriptions(fx.db.jdbi(), Clock.systemUTC())
            .subscribe(id, "starter", 5, sold, true)
            .invoice();
    new Invoices(fx.db.jdbi(), Clock.systemUTC())
        .pay(first.number(), sold.plusDays(9), new BigDecimal("8000.00"), null, "R-1");
    LocalDate renewedOn = sold.plusYears(1);
    Clock atRenewal = Clock.fixed(renewedOn.atTime(10, 0).atZone(SHANGHAI).toInstant(), SHANGHAI);
    renewalNumber =
        new Subscriptions(fx.db.jdbi(), atRenewal).renew("acme.test").invoice().number();
    termEnd = renewedOn.plusYears(1);
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
          chromium.screenshot("billing-last");
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
  void customerInvoicesPaymentAndRenewals() {
    signIn();
    driver.get(fx.url() + "/#/billing");
    WebElement row = waitFor("#billing-customers tr[data-domain='acme.test']");
    assertThat(row.getText())
        .contains("starter")
        .contains("416.67")
        .contains("5,000.00")
        .contains(termEnd.toString());
    assertThat(text("#billing-customers-summary")).contains("1").contains("416.67");
    chromium.screenshot("billing-01-customers");

    row.findElement(By.linkText("acme.test")).click();
    waitFor("#billing-subscription");
    assertThat(field("mrr")).isEqualTo("416.67 CNY");
    assertThat(field("seats")).isEqualTo("5");
    assertThat(field("phase")).isEqualTo("Annual");
    assertThat(field("invoiced")).isEqualTo("13,000.00");
    assertThat(field("paid")).isEqualTo("8,000.00");
    assertThat(field("outstanding")).isEqualTo("5,000.00");
    assertThat(field("overdue")).isEqualTo("5,000.00");
    List<WebElement> invoices = driver.findElements(By.cssSelector("tr[data-number]"));
    assertThat(invoices).hasSize(2);
    assertThat(invoices.get(0).getText()).contains("8,000.00 CNY").contains("Paid");
    assertThat(invoices.get(1).getText()).contains("5,000.00 CNY").contains("Overdue");
    chromium.screenshot("billing-02-customer");

    // Two more seats from today, for the rest of the annual term at 1000 per seat and year.
    long remaining = ChronoUnit.DAYS.between(today, termEnd);
    long termDays = ChronoUnit.DAYS.between(termEnd.minusYears(1), termEnd);
    String prorated =
        new BigDecimal(2000 * remaining)
            .divide(BigDecimal.valueOf(termDays), 2, RoundingMode.HALF_UP)
            .toPlainString();
    WebElement form = waitFor("#billing-actions");
    WebElement seats = form.findElement(By.name("seats"));
    seats.clear();
    seats.sendKeys("7");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(d -> field("seats").equals("7"));
    assertThat(field("mrr")).isEqualTo("583.33 CNY");
    assertThat(text("p.ok[role=status]")).contains(grouped(prorated));
    assertThat(driver.findElements(By.cssSelector("tr[data-number]"))).hasSize(3);
    chromium.screenshot("billing-03-seats");

    driver.get(fx.url() + "/#/billing/invoices");
    waitFor("#billing-invoices-summary");
    new Select(driver.findElement(By.name("status"))).selectByValue("overdue");
    driver.findElement(By.cssSelector(".billing-filters button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("billing-invoices-summary"), "of 1 invoices"));
    WebElement overdue = waitFor("tr[data-number='" + renewalNumber + "']");
    assertThat(overdue.getText())
        .contains("acme.test")
        .contains("5,000.00 CNY")
        .contains("Overdue");
    chromium.screenshot("billing-04-overdue");

    overdue.findElement(By.linkText(renewalNumber)).click();
    waitFor("#billing-pay");
    assertThat(field("total")).isEqualTo("5,000.00 CNY");
    assertThat(driver.findElement(By.id("billing-invoice")).getText())
        .contains("Annual service fee per seat")
        .contains("1,000.00");
    driver.findElement(By.cssSelector("#billing-pay button[type=submit]")).click();
    wait.until(d -> field("status").equals("Paid"));
    assertThat(field("outstanding")).isEqualTo("0.00");
    assertThat(text("p.ok[role=status]")).contains("5,000.00");
    chromium.screenshot("billing-05-paid");

    driver.get(fx.url() + "/#/billing/renewals");
    WebElement month = waitFor("section[data-month='" + termEnd.toString().substring(0, 7) + "']");
    assertThat(month.getText()).contains("acme.test").contains("7,000.00");
    chromium.screenshot("billing-06-renewals");
    assertNoMissingStrings();
  }

  private static String grouped(String plain) {
    String[] parts = plain.split("\\.");
    return parts[0].replaceAll("\\B(?=(\\d{3})+(?!\\d))", ",") + "." + parts[1];
  }

  private String field(String name) {
    return driver.findElement(By.cssSelector("dd[data-field='" + name + "']")).getText();
  }

  private String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
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
