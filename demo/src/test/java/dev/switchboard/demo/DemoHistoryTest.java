package dev.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.demo.DemoHistory.Customer;
import dev.switchboard.demo.DemoHistory.Lead;
import dev.switchboard.demo.DemoHistory.Stage;
import dev.switchboard.ops.customer.WeekSignals;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo story is the same every run, of believable size, and consistent with itself. */
class DemoHistoryTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  @Test
  void sameSeedAndDateTellTheSameStory() {
    assertThat(DemoHistory.generate(7, TODAY)).isEqualTo(DemoHistory.generate(7, TODAY));
  }

  @Test
  void aFewHundredCustomersWithChurnAndOpenPipeline() {
    DemoHistory h = DemoHistory.generate(DemoHistory.DEMO_SEED, TODAY);
    long churned = h.customers().stream().filter(c -> c.churnedOn() != null).count();
    long open =
        h.leads().stream().filter(l -> l.closedOn() != null && l.closedOn().isAfter(TODAY)).count();
    Map<String, Long> perChannel =
        h.customers().stream()
            .collect(Collectors.groupingBy(Customer::channel, Collectors.counting()));
    System.out.printf(
        "leads=%d customers=%d churned=%d reactivated=%d open=%d channels=%s%n",
        h.leads().size(),
        h.customers().size(),
        churned,
        h.customers().stream().filter(c -> c.reactivatedOn() != null).count(),
        open,
        perChannel);
    assertThat(h.customers()).hasSizeBetween(200, 700);
    assertThat(churned).isBetween(10L, h.customers().size() / 2L);
    assertThat(h.leads().stream().filter(l -> l.referredBy() >= 0)).isNotEmpty();
    assertThat(perChannel).containsKeys("website", "search", "trade_show");
  }

  @Test
  void everyWonLeadIsOneCustomerAndUsageStaysInsideTheSubscription() {
    DemoHistory h = DemoHistory.generate(DemoHistory.DEMO_SEED, TODAY);
    for (Customer c : h.customers()) {
      Lead lead = h.leads().get(c.lead() - 1);
      assertThat(lead.outcome()).isEqualTo(Stage.WON);
      assertThat(lead.customer()).isEqualTo(c.index());
      assertThat(c.startedOn()).isEqualTo(lead.closedOn()).isBeforeOrEqualTo(TODAY);
      for (WeekSignals u : c.usage()) {
        assertThat(u.registeredSeats()).isBetween(0, u.seats());
        assertThat(u.weekStart()).isAfterOrEqualTo(DemoHistory.weekStart(c.startedOn()));
      }
      if (c.churnedOn() != null) {
        assertThat(c.churnedOn()).isAfter(c.startedOn()).isBeforeOrEqualTo(TODAY);
        assertThat(c.churnReason()).isNotBlank();
      }
    }
  }
}
