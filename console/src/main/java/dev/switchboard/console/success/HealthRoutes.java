package dev.switchboard.console.success;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.JsonBody;
import dev.switchboard.console.http.Dates;
import dev.switchboard.console.http.QueryString;
import dev.switchboard.console.success.Views.AtRiskView;
import dev.switchboard.console.success.Views.Items;
import dev.switchboard.console.success.Views.ModelView;
import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.ops.customer.UsageRollup;
import dev.switchboard.ops.success.HealthHistory;
import dev.switchboard.ops.success.HealthModel;
import dev.switchboard.ops.success.HealthRun;
import dev.switchboard.ops.success.HealthSignal;
import dev.switchboard.ops.success.PaymentPunctuality;
import dev.switchboard.ops.success.SuccessSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.tenant.TenantRepository;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The customer-health routes: the health model, at-risk customers and weekly health runs. */
final class HealthRoutes {

  private final Database db;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final SuccessSettings settings;
  private final HealthHistory history;
  private final PaymentPunctuality payments;

  HealthRoutes(
      Database db,
      ObjectMapper mapper,
      Clock clock,
      SuccessSettings settings,
      HealthHistory history,
      PaymentPunctuality payments) {
    this.db = db;
    this.mapper = mapper;
    this.clock = clock;
    this.settings = settings;
    this.history = history;
    this.payments = payments;
  }

  void register(RoutesConfig r) {
    String s = "/api/v1/success";
    r.get(s + "/health/model", ctx -> ctx.json(ModelView.of(settings.healthModel())));
    r.put(s + "/health/model", this::saveModel);
    r.get(s + "/health/at-risk", this::atRisk);
    r.post(s + "/health/runs", this::healthRun);
  }

  private LocalDate today() {
    return BusinessCalendar.today(clock.instant());
  }

  private void saveModel(Context ctx) {
    JsonBody b =
        JsonBody.parseOrEmpty(
            mapper,
            ctx.bodyAsBytes(),
            Set.of("weights", "fullAt", "redMax", "yellowMax", "windowWeeks"));
    HealthModel current = settings.healthModel();
    Map<HealthSignal, Integer> weights = new EnumMap<>(current.weights());
    Map<HealthSignal, Double> full = new EnumMap<>(current.fullAt());
    JsonNode w = b.objectTree("weights");
    if (w != null) {
      for (Map.Entry<String, JsonNode> e : w.properties()) {
        if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToInt()) {
          throw new InvalidValueException(
              "weights", "weights." + e.getKey() + " must be an integer");
        }
        weights.put(HealthSignal.parse(e.getKey()), e.getValue().intValue());
      }
    }
    JsonNode f = b.objectTree("fullAt");
    if (f != null) {
      for (Map.Entry<String, JsonNode> e : f.properties()) {
        if (!e.getValue().isNumber()) {
          throw new InvalidValueException("fullAt", "fullAt." + e.getKey() + " must be a number");
        }
        full.put(HealthSignal.parse(e.getKey()), e.getValue().doubleValue());
      }
    }
    HealthModel m =
        new HealthModel(
            weights,
            full,
            Objects.requireNonNullElse(b.integer("redMax"), current.redMax()),
            Objects.requireNonNullElse(b.integer("yellowMax"), current.yellowMax()),
            Objects.requireNonNullElse(b.integer("windowWeeks"), current.windowWeeks()));
    ctx.json(ModelView.of(settings.saveHealthModel(m)));
  }

  private void atRisk(Context ctx) {
    QueryString q = QueryString.of(ctx, Set.of("week", "maxScore", "limit"));
    LocalDate week = q.date("week");
    if (week == null) {
      week = history.latestWeek().orElse(BusinessCalendar.weekStart(today()));
    }
    int max = q.integer("maxScore", settings.healthModel().yellowMax(), 0, 100);
    int limit = q.integer("limit", 50, 1, 500);
    ctx.json(
        new Items<>(
            history.atRisk(BusinessCalendar.weekStart(week), max, limit).stream()
                .map(AtRiskView::of)
                .toList()));
  }

  record RunResult(LocalDate weekStart, Integer rolledUp, HealthRun.Summary scores) {}

  private void healthRun(Context ctx) {
    JsonBody b =
        JsonBody.parseOrEmpty(mapper, ctx.bodyAsBytes(), Set.of("week", "domain", "rollup"));
    LocalDate week =
        b.hasValue("week")
            ? Dates.parse("week", b.text("week"))
            : BusinessCalendar.weekStart(today());
    Long tenant = null;
    if (b.hasValue("domain")) {
      String d = b.text("domain");
      tenant =
          db.jdbi()
              .withHandle(hd -> TenantRepository.idOf(hd, d))
              .orElseThrow(() -> new NotFoundException("domain", "no tenant " + d));
    }
    Integer rolled =
        Objects.requireNonNullElse(b.bool("rollup"), true)
            ? new UsageRollup(db).rollup(week)
            : null;
    HealthRun.Summary s = new HealthRun(db, settings, payments, clock).run(week, tenant);
    ctx.json(new RunResult(BusinessCalendar.weekStart(week), rolled, s));
  }
}
