package dev.switchboard.console.success;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.JsonBody;
import dev.switchboard.console.success.Views.Items;
import dev.switchboard.console.success.Views.TierView;
import dev.switchboard.ops.success.CasePriority;
import dev.switchboard.ops.success.TierRule;
import dev.switchboard.ops.success.Tiers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Objects;
import java.util.Set;

/** The customer tiers: their rules and the run that places customers in them. */
final class TierRoutes {

  private final ObjectMapper mapper;
  private final Tiers tiers;

  TierRoutes(ObjectMapper mapper, Tiers tiers) {
    this.mapper = mapper;
    this.tiers = tiers;
  }

  void register(RoutesConfig r) {
    String s = "/api/v1/success";
    r.get(
        s + "/tiers",
        ctx -> ctx.json(new Items<>(tiers.rules().stream().map(TierView::of).toList())));
    r.put(s + "/tiers/{code}", this::saveTier);
    r.delete(s + "/tiers/{code}", this::deleteTier);
    r.post(s + "/tiers/runs", ctx -> ctx.json(tiers.run()));
  }

  private void saveTier(Context ctx) {
    JsonBody b =
        JsonBody.parseOrEmpty(
            mapper,
            ctx.bodyAsBytes(),
            Set.of(
                "name",
                "level",
                "minAnnualSpend",
                "minTenureMonths",
                "minReferrals",
                "minValuableFeedback",
                "service",
                "minCasePriority"));
    TierRule rule =
        new TierRule(
            ctx.pathParam("code"),
            b.requiredText("name"),
            Objects.requireNonNullElse(b.integer("level"), 1),
            b.decimal("minAnnualSpend") == null
                ? java.math.BigDecimal.ZERO
                : b.decimal("minAnnualSpend"),
            Objects.requireNonNullElse(b.integer("minTenureMonths"), 0),
            Objects.requireNonNullElse(b.integer("minReferrals"), 0),
            Objects.requireNonNullElse(b.integer("minValuableFeedback"), 0),
            b.requiredText("service"),
            b.hasValue("minCasePriority")
                ? CasePriority.parse(b.text("minCasePriority"))
                : CasePriority.LOW);
    ctx.json(TierView.of(tiers.save(rule)));
  }

  private void deleteTier(Context ctx) {
    tiers.delete(ctx.pathParam("code"));
    ctx.status(HttpStatus.NO_CONTENT);
  }
}
