package dev.switchboard.console.marketing;

import dev.switchboard.console.ApiError;
import dev.switchboard.console.http.ImportRunner;
import dev.switchboard.ops.marketing.LeadCsv;
import dev.switchboard.ops.marketing.LeadRepository;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code /api/v1/marketing/lead-imports}: CSV imports of leads run in the background one at a time;
 * the client polls the job for its phase, progress and, at the end, the report.
 */
final class LeadImports {

  private static final String BASE = "/api/v1/marketing/lead-imports";

  /**
   * One import as the client sees it.
   *
   * @param state running, done (every line written), rejected (bad lines, nothing written) or
   *     failed (the file itself was unreadable)
   * @param phase checking or writing while running
   */
  record Job(
      String id,
      String state,
      String phase,
      int processed,
      int total,
      LeadCsv.Report report,
      ApiError error) {}

  private final LeadRepository leads;
  private final Http http;
  private final ImportRunner<Job> jobs = new ImportRunner<>("lead-import", Job::id);

  LeadImports(LeadRepository leads, Http http) {
    this.leads = leads;
    this.http = http;
  }

  void register(RoutesConfig r) {
    r.post(BASE, this::start);
    r.get(BASE + "/{id}", ctx -> http.json(ctx, jobs.get(ctx.pathParam("id"))));
  }

  private void start(Context ctx) {
    String csv = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
    String actor = Http.actor(ctx);
    String id = UUID.randomUUID().toString();
    Job job =
        jobs.submit(
            new Job(id, "running", "checking", 0, 0, null, null),
            progress -> run(id, csv, actor, progress),
            error -> new Job(id, "failed", null, 0, 0, null, error));
    ctx.header("Location", BASE + "/" + id);
    http.json(ctx, 202, job);
  }

  private Job run(String id, String csv, String actor, Consumer<Job> progress) {
    LeadCsv.Report report =
        LeadCsv.importCsv(
            leads,
            new StringReader(csv),
            actor,
            (phase, done, total) ->
                progress.accept(new Job(id, "running", phase, done, total, null, null)));
    return new Job(
        id,
        report.errors().isEmpty() ? "done" : "rejected",
        null,
        report.lines(),
        report.lines(),
        report,
        null);
  }
}
