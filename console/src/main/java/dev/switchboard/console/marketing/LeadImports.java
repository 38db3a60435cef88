package dev.switchboard.console.marketing;

import dev.switchboard.console.ApiError;
import dev.switchboard.ops.marketing.LeadCsv;
import dev.switchboard.ops.marketing.LeadRepository;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.StoreException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/marketing/lead-imports}: CSV imports of leads run in the background one at a time;
 * the client polls the job for its phase, progress and, at the end, the report.
 */
final class LeadImports {

  private static final Logger LOG = LoggerFactory.getLogger(LeadImports.class);
  private static final int KEEP = 50;
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
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "lead-import");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, Job> jobs =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
          return size() > KEEP;
        }
      };

  LeadImports(LeadRepository leads, Http http) {
    this.leads = leads;
    this.http = http;
  }

  void register(RoutesConfig r) {
    r.post(BASE, this::start);
    r.get(
        BASE + "/{id}",
        ctx ->
            http.json(
                ctx,
                find(ctx.pathParam("id"))
                    .orElseThrow(
                        () ->
                            new NotFoundException("id", "no import job " + ctx.pathParam("id")))));
  }

  private void start(Context ctx) {
    String csv = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
    String actor = Http.actor(ctx);
    String id = UUID.randomUUID().toString();
    Job job = new Job(id, "running", "checking", 0, 0, null, null);
    put(job);
    executor.execute(() -> run(job, csv, actor));
    ctx.header("Location", BASE + "/" + id);
    http.json(ctx, 202, job);
  }

  private void run(Job job, String csv, String actor) {
    try {
      LeadCsv.Report report =
          LeadCsv.importCsv(
              leads,
              new StringReader(csv),
              actor,
              (phase, done, total) ->
                  put(new Job(job.id(), "running", phase, done, total, null, null)));
      put(
          new Job(
              job.id(),
              report.errors().isEmpty() ? "done" : "rejected",
              null,
              report.lines(),
              report.lines(),
              report,
              null));
    } catch (StoreException e) {
      put(new Job(job.id(), "failed", null, 0, 0, null, new ApiError(e.getMessage(), e.field())));
    } catch (RuntimeException e) {
      LOG.error("lead import {} failed", job.id(), e);
      put(new Job(job.id(), "failed", null, 0, 0, null, new ApiError("internal error", null)));
    }
  }

  private synchronized void put(Job job) {
    jobs.put(job.id(), job);
  }

  private synchronized Optional<Job> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }
}
