package dev.switchboard.console.metrics;

import dev.switchboard.ops.metrics.CohortRow;
import dev.switchboard.ops.metrics.CustomerYield;
import dev.switchboard.ops.metrics.GroupYield;
import dev.switchboard.ops.metrics.MrrMonth;
import dev.switchboard.ops.metrics.Retention;
import dev.switchboard.ops.metrics.UnitEconomics;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The bodies of the metrics responses. Each names the as-of day its figures were computed for; each
 * figure inside also carries the exact day it is for ({@code date}).
 */
final class MetricsReports {

  private MetricsReports() {}

  /** MRR by month for all customers, and per group when {@code groupBy} was given. */
  record MrrReport(
      LocalDate asOf,
      YearMonth from,
      YearMonth to,
      String groupBy,
      List<MrrMonth> months,
      List<MrrGroup> groups) {}

  record MrrGroup(String group, List<MrrMonth> months) {}

  record RetentionReport(
      LocalDate asOf, String groupBy, Retention retention, List<RetentionGroup> groups) {}

  record RetentionGroup(String group, Retention retention) {}

  record CohortReport(LocalDate asOf, YearMonth from, YearMonth to, List<CohortRow> rows) {}

  record UnitEconomicsReport(
      LocalDate asOf,
      String groupBy,
      UnitEconomics unitEconomics,
      List<UnitEconomicsGroup> groups) {}

  record UnitEconomicsGroup(String group, UnitEconomics unitEconomics) {}

  record CustomerYieldPage(
      LocalDate asOf, int total, int limit, int offset, List<CustomerYield> customers) {}

  record GroupYieldReport(LocalDate asOf, String groupBy, List<GroupYield> groups) {}

  /** The KPI strip: the as-of month's levels and the trailing window's rates. */
  record Summary(
      LocalDate asOf,
      LocalDate date,
      YearMonth from,
      YearMonth to,
      BigDecimal mrr,
      BigDecimal arr,
      int customers,
      BigDecimal arpa,
      BigDecimal netNewMrr,
      BigDecimal logoChurnPercent,
      BigDecimal revenueChurnPercent,
      BigDecimal grrPercent,
      BigDecimal nrrPercent,
      BigDecimal renewalPercent,
      BigDecimal predictiveLtv,
      BigDecimal cac,
      BigDecimal ltvToCac,
      BigDecimal cacPaybackMonths) {}
}
