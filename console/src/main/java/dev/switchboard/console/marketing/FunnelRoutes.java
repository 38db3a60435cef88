package dev.switchboard.console.marketing;

import dev.switchboard.console.http.CsvResponse;
import dev.switchboard.console.http.QueryString;
import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.ops.marketing.ChannelRank;
import dev.switchboard.ops.marketing.ChannelRanking;
import dev.switchboard.ops.marketing.FunnelQuery;
import dev.switchboard.ops.marketing.FunnelRow;
import dev.switchboard.store.InvalidValueException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** {@code /api/v1/marketing/funnel} and {@code /channel-ranking} for a date range. */
final class FunnelRoutes {

  /** The ranking and whether its 收益度 could be read from billing receipts. */
  record RankingView(
      LocalDate from, LocalDate to, boolean revenueKnown, List<ChannelRank> channels) {}

  record FunnelView(LocalDate from, LocalDate to, String by, List<FunnelRow> rows) {}

  private final FunnelQuery funnel;
  private final ChannelRanking ranking;
  private final Clock clock;
  private final Http http;

  FunnelRoutes(FunnelQuery funnel, ChannelRanking ranking, Clock clock, Http http) {
    this.funnel = funnel;
    this.ranking = ranking;
    this.clock = clock;
    this.http = http;
  }

  void register(RoutesConfig r) {
    r.get("/api/v1/marketing/funnel", this::funnel);
    r.get("/api/v1/marketing/channel-ranking", this::ranking);
  }

  private LocalDate[] range(QueryString q) {
    LocalDate today = BusinessCalendar.BUSINESS.today(clock);
    LocalDate to = q.date("to", today);
    LocalDate from = q.date("from", to.minusYears(1).plusDays(1));
    if (from.isAfter(to)) {
      throw new InvalidValueException("from", "from is after to");
    }
    return new LocalDate[] {from, to};
  }

  private void funnel(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of("from", "to", "by"));
    LocalDate[] r = range(q);
    String by = Objects.requireNonNullElse(q.text("by"), "channel");
    List<FunnelRow> rows =
        switch (by) {
          case "channel" -> funnel.byChannel(r[0], r[1]);
          case "campaign" -> funnel.byCampaign(r[0], r[1]);
          default -> throw new InvalidValueException("by", "by must be channel or campaign");
        };
    if (q.csv()) {
      CsvResponse.send(
          ctx,
          "funnel-by-" + by,
          List.of(
              by,
              "leads",
              "valid",
              "trial",
              "opportunity",
              "won",
              "valid_rate",
              "trial_rate",
              "opportunity_rate",
              "win_rate",
              "lead_to_won_rate",
              "cost",
              "cost_per_lead",
              "cost_per_valid",
              "cost_per_won",
              "median_days_to_valid",
              "median_days_to_trial",
              "median_days_to_opportunity",
              "median_days_to_won"),
          rows,
          x ->
              Arrays.asList(
                  x.key(),
                  Long.toString(x.leads()),
                  Long.toString(x.valid()),
                  Long.toString(x.trial()),
                  Long.toString(x.opportunity()),
                  Long.toString(x.won()),
                  Http.str(x.validRate()),
                  Http.str(x.trialRate()),
                  Http.str(x.opportunityRate()),
                  Http.str(x.winRate()),
                  Http.str(x.leadToWonRate()),
                  Http.str(x.cost()),
                  Http.str(x.costPerLead()),
                  Http.str(x.costPerValid()),
                  Http.str(x.costPerWon()),
                  Http.str(x.medianDaysToValid()),
                  Http.str(x.medianDaysToTrial()),
                  Http.str(x.medianDaysToOpportunity()),
                  Http.str(x.medianDaysToWon())));
      return;
    }
    http.json(ctx, new FunnelView(r[0], r[1], by, rows));
  }

  private void ranking(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of("from", "to"));
    LocalDate[] r = range(q);
    List<ChannelRank> ranks = ranking.rank(r[0], r[1]);
    if (q.csv()) {
      CsvResponse.send(
          ctx,
          "channel-ranking",
          List.of(
              "position",
              "channel",
              "kind",
              "leads",
              "won",
              "won_share",
              "cumulative_share",
              "cost",
              "cost_per_won",
              "lifetime_revenue",
              "yield",
              "advice"),
          ranks,
          x ->
              Arrays.asList(
                  Integer.toString(x.position()),
                  x.channel(),
                  x.kind() == null ? null : x.kind().wireName(),
                  Long.toString(x.leads()),
                  Long.toString(x.won()),
                  Http.str(x.wonShare()),
                  Http.str(x.cumulativeShare()),
                  Http.str(x.cost()),
                  Http.str(x.costPerWon()),
                  Http.str(x.lifetimeRevenue()),
                  Http.str(x.yield()),
                  x.advice().wireName()));
      return;
    }
    boolean known = !ranks.isEmpty() && ranks.get(0).lifetimeRevenue() != null;
    http.json(ctx, new RankingView(r[0], r[1], known, ranks));
  }
}
