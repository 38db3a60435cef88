package dev.switchboard.console.success;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.JsonBody;
import dev.switchboard.console.http.PathId;
import dev.switchboard.console.http.QueryString;
import dev.switchboard.console.success.Views.CaseView;
import dev.switchboard.console.success.Views.Items;
import dev.switchboard.console.web.Caller;
import dev.switchboard.ops.success.CaseKind;
import dev.switchboard.ops.success.CasePriority;
import dev.switchboard.ops.success.CaseRepository;
import dev.switchboard.ops.success.CaseStatus;
import dev.switchboard.ops.success.NewCase;
import dev.switchboard.ops.success.TaskRepository;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Support cases and the success team's tasks. */
final class CaseRoutes {

  private final ObjectMapper mapper;
  private final Clock clock;
  private final CaseRepository cases;
  private final TaskRepository tasks;

  CaseRoutes(ObjectMapper mapper, Clock clock, CaseRepository cases, TaskRepository tasks) {
    this.mapper = mapper;
    this.clock = clock;
    this.cases = cases;
    this.tasks = tasks;
  }

  void register(RoutesConfig r) {
    String s = "/api/v1/success";
    r.get(s + "/cases", this::listCases);
    r.post(s + "/cases", this::openCase);
    r.get(s + "/cases/{id}", this::getCase);
    r.post(s + "/cases/{id}/transitions", this::transition);
    r.put(s + "/cases/{id}/owner", this::assign);
    r.get(s + "/tasks", this::listTasks);
    r.post(s + "/tasks/{id}/done", this::taskDone);
  }

  private static String actor(Context ctx) {
    return Caller.of(ctx) instanceof Caller.Staff st ? st.user().email() : "operator";
  }

  private void listCases(Context ctx) {
    QueryString q = QueryString.of(ctx, Set.of("status", "kind", "domain", "limit"));
    CaseStatus status = q.text("status") == null ? null : CaseStatus.parse(q.text("status"));
    CaseKind kind = q.text("kind") == null ? null : CaseKind.parse(q.text("kind"));
    var now = clock.instant();
    ctx.json(
        new Items<>(
            cases.list(status, kind, q.text("domain"), q.integer("limit", 200, 1, 1000)).stream()
                .map(c -> CaseView.of(c, now))
                .toList()));
  }

  private void openCase(Context ctx) {
    JsonBody b =
        JsonBody.parseOrEmpty(
            mapper,
            ctx.bodyAsBytes(),
            Set.of(
                "domain",
                "kind",
                "subject",
                "body",
                "contactName",
                "contactEmail",
                "priority",
                "ownerEmail"));
    var c =
        cases.open(
            new NewCase(
                b.requiredText("domain"),
                CaseKind.parse(b.requiredText("kind")),
                b.requiredText("subject"),
                b.text("body"),
                b.text("contactName"),
                b.text("contactEmail"),
                b.hasValue("priority") ? CasePriority.parse(b.text("priority")) : null,
                b.text("ownerEmail")));
    ctx.status(HttpStatus.CREATED).json(CaseView.of(c, clock.instant()));
  }

  record CaseDetail(CaseView item, List<dev.switchboard.ops.success.CaseEvent> history) {}

  private void getCase(Context ctx) {
    long id = PathId.of(ctx);
    ctx.json(new CaseDetail(CaseView.of(cases.get(id), clock.instant()), cases.history(id)));
  }

  private void transition(Context ctx) {
    long id = PathId.of(ctx);
    JsonBody b = JsonBody.parseOrEmpty(mapper, ctx.bodyAsBytes(), Set.of("status", "note"));
    var c =
        cases.transition(
            id, CaseStatus.parse(b.requiredText("status")), b.text("note"), actor(ctx));
    ctx.json(new CaseDetail(CaseView.of(c, clock.instant()), cases.history(id)));
  }

  private void assign(Context ctx) {
    long id = PathId.of(ctx);
    JsonBody b = JsonBody.parseOrEmpty(mapper, ctx.bodyAsBytes(), Set.of("ownerEmail"));
    ctx.json(CaseView.of(cases.assign(id, b.requiredText("ownerEmail")), clock.instant()));
  }

  private void listTasks(Context ctx) {
    QueryString q = QueryString.of(ctx, Set.of("status", "kind", "limit"));
    ctx.json(
        new Items<>(
            tasks.list(q.text("status"), q.text("kind"), null, q.integer("limit", 200, 1, 1000))));
  }

  private void taskDone(Context ctx) {
    tasks.complete(PathId.of(ctx));
    ctx.status(HttpStatus.NO_CONTENT);
  }
}
