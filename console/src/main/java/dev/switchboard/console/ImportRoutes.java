package dev.switchboard.console;

import dev.switchboard.console.http.ImportRunner;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.account.AccountImport;
import dev.switchboard.store.tenant.TenantRepository;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * {@code /api/v1/tenants/{domain}/accounts/import}: CSV import, synchronous by default, or in the
 * background with {@code ?async=true} and a job to poll for progress.
 */
final class ImportRoutes {

  private final AccountImport importer;
  private final ImportRunner<ImportJob> jobs;
  private final TenantRepository tenants;

  ImportRoutes(AccountImport importer, ImportRunner<ImportJob> jobs, TenantRepository tenants) {
    this.importer = importer;
    this.jobs = jobs;
    this.tenants = tenants;
  }

  void register(RoutesConfig routes) {
    routes.post("/api/v1/tenants/{domain}/accounts/import", this::start);
    routes.get("/api/v1/tenants/{domain}/accounts/import/{id}", this::status);
  }

  private void start(Context ctx) {
    String domain = ctx.pathParam("domain");
    // Read first: a refusal that leaves a large body unread makes Jetty drop the connection.
    String csv = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
    if ("true".equalsIgnoreCase(ctx.queryParam("async"))) {
      tenants.get(domain); // 404 now rather than a failed job later
      ImportJob job = submit(domain, csv);
      ctx.status(HttpStatus.ACCEPTED)
          .header(
              "Location",
              "/api/v1/tenants/" + TenantRepository.lower(domain) + "/accounts/import/" + job.id())
          .json(job);
      return;
    }
    AccountImport.Report report =
        importer.run(domain, new StringReader(csv), AccountImport.Progress.NONE);
    ctx.json(report);
  }

  private ImportJob submit(String domain, String csv) {
    String id = UUID.randomUUID().toString();
    return jobs.submit(
        new ImportJob(id, domain, "running", 0, 0, null, null),
        progress -> {
          AccountImport.Report report =
              importer.run(
                  domain,
                  new StringReader(csv),
                  (processed, total) ->
                      progress.accept(
                          new ImportJob(id, domain, "running", processed, total, null, null)));
          int total = jobs.find(id).map(ImportJob::total).orElse(0);
          return new ImportJob(id, domain, "done", total, total, report, null);
        },
        error -> new ImportJob(id, domain, "failed", 0, 0, null, error));
  }

  private void status(Context ctx) {
    String domain = TenantRepository.lower(ctx.pathParam("domain"));
    ImportJob job =
        jobs.find(ctx.pathParam("id"))
            .filter(j -> TenantRepository.lower(j.domain()).equals(domain))
            .orElseThrow(() -> new NotFoundException("id", "no import job " + ctx.pathParam("id")));
    ctx.json(job);
  }
}
