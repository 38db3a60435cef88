package dev.switchboard.console.churn;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.JsonBody;
import dev.switchboard.console.http.QueryString;
import dev.switchboard.ops.churn.ChurnHistoryQuery;
import dev.switchboard.ops.churn.ChurnReason;
import dev.switchboard.ops.churn.ChurnReasonCode;
import dev.switchboard.ops.churn.ChurnReasonRepository;
import dev.switchboard.ops.churn.ChurnService;
import dev.switchboard.ops.churn.CustomerRisk;
import dev.switchboard.ops.churn.EarlySignals;
import dev.switchboard.ops.churn.OwnHistory;
import dev.switchboard.ops.churn.OwnHistoryReport;
import dev.switchboard.ops.churn.StoredModel;
import dev.switchboard.store.Database;
import dev.switchboard.store.NotFoundException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** The churn model's routes under {@code /api/v1/success/churn}. */
public final class ChurnRoutes {

  static final String BASE = "/api/v1/success/churn";

  private final ChurnService service;
  private final ChurnReasonRepository reasons;
  private final ChurnHistoryQuery history;
  private final ObjectMapper mapper;

  private ChurnRoutes(Database db, ObjectMapper mapper, Clock clock) {
    this.service = ChurnService.standard(db, clock);
    this.reasons = new ChurnReasonRepository(db.jdbi(), clock);
    this.history = new ChurnHistoryQuery(db.jdbi());
    this.mapper = mapper;
  }

  public static void register(JavalinConfig cfg, Database db, ObjectMapper mapper, Clock clock) {
    ChurnRoutes r = new ChurnRoutes(db, mapper, clock);
    cfg.routes.get(BASE + "/risks", r::risks);
    cfg.routes.get(BASE + "/evaluation", r::evaluation);
    cfg.routes.post(BASE + "/retrain", r::retrain);
    cfg.routes.post(BASE + "/own-history", r::ownHistory);
    cfg.routes.get(BASE + "/reasons", r::listReasons);
    cfg.routes.post(BASE + "/reasons", r::createReason);
    cfg.routes.get(BASE + "/reasons/{id}", r::getReason);
    cfg.routes.patch(BASE + "/reasons/{id}", r::updateReason);
    cfg.routes.delete(BASE + "/reasons/{id}", r::deleteReason);
  }

  /** The early-warning list and the run it comes from (null before the first run). */
  record RiskList(ModelSummary model, List<CustomerRisk> items) {}

  /** A run without its evaluation. */
  record ModelSummary(
      long id,
      java.time.Instant trainedAt,
      LocalDate asOf,
      String chosenKind,
      int decisionPoints,
      int churned,
      String revenueBasis) {
    static ModelSummary of(StoredModel m) {
      return new ModelSummary(
          m.id(),
          m.trainedAt(),
          m.asOf(),
          m.chosenKind(),
          m.decisionPoints(),
          m.churned(),
          m.revenueBasis());
    }
  }

  /** A churn reason with the signals that preceded it. */
  record ReasonDetail(ChurnReason reason, List<EarlySignals.Signal> signals) {}

  private void risks(Context ctx) {
    int limit = QueryString.of(ctx, Set.of("limit")).limit(1000);
    var latest = service.latest();
    ctx.json(
        new RiskList(
            latest.map(ModelSummary::of).orElse(null),
            latest.isEmpty() ? List.of() : service.store().risks(latest.get().id(), limit)));
  }

  private void evaluation(Context ctx) {
    onlyParams(ctx, Set.of());
    ctx.json(
        service
            .latest()
            .orElseThrow(() -> new NotFoundException(null, "no churn model has been trained yet")));
  }

  private void retrain(Context ctx) {
    onlyParams(ctx, Set.of());
    ctx.status(HttpStatus.CREATED).json(service.retrain());
  }

  private void ownHistory(Context ctx) {
    // Read whole (within the import limit) before anything can refuse: a refusal that leaves a
    // large body unread makes Jetty close the connection, and the client sees no answer at all.
    String body = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
    onlyParams(ctx, Set.of("churnColumn"));
    OwnHistory table = OwnHistory.read(new StringReader(body), ctx.queryParam("churnColumn"));
    ctx.json(OwnHistoryReport.of(table, 42L));
  }

  private void listReasons(Context ctx) {
    onlyParams(ctx, Set.of());
    ctx.json(reasons.list());
  }

  private void createReason(Context ctx) {
    JsonBody body = body(ctx, Set.of("domain", "churnedOn", "reason", "note"));
    String domain = body.requiredText("domain");
    LocalDate on = body.requiredDate("churnedOn");
    ChurnReasonCode code = ChurnReasonCode.parse("reason", body.requiredText("reason"));
    ChurnReason r = reasons.create(domain, on, code, body.text("note"));
    ctx.status(HttpStatus.CREATED).json(r);
  }

  private void getReason(Context ctx) {
    ChurnReason r = reasons.get(id(ctx));
    List<EarlySignals.Signal> signals =
        history.one(r.domain()).map(c -> EarlySignals.of(c, r.churnedOn())).orElse(List.of());
    ctx.json(new ReasonDetail(r, signals));
  }

  private void updateReason(Context ctx) {
    long id = id(ctx);
    JsonBody body = body(ctx, Set.of("reason", "note"));
    ChurnReason old = reasons.get(id);
    ChurnReasonCode code =
        body.has("reason")
            ? ChurnReasonCode.parse("reason", body.requiredText("reason"))
            : old.reason();
    String note = body.has("note") ? body.text("note") : old.note();
    ctx.json(reasons.update(id, code, note));
  }

  private void deleteReason(Context ctx) {
    reasons.delete(id(ctx));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new NotFoundException("id", "no churn reason " + ctx.pathParam("id"));
    }
  }

  private static void onlyParams(Context ctx, Set<String> allowed) {
    QueryString.of(ctx, allowed);
  }

  private JsonBody body(Context ctx, Set<String> allowed) {
    return JsonBody.parse(mapper, ctx.bodyAsBytes(), allowed);
  }
}
