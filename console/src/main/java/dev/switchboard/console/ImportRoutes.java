package dev.switchboard.console;

import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.account.AccountImport;
import dev.switchboard.store.tenant.TenantRepository;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * {@code /api/v1/tenants/{domain}/accounts/import}: CSV import, synchronous by default, or in the
 * background with {@code ?async=true} and a job to poll for progress.
 */
final class ImportRoutes {

  private final AccountImport importer;
  private final ImportJobs jobs;
  private final TenantRepository tenants;

  ImportRoutes(AccountImport importer, ImportJobs jobs, TenantRepository tenants) {
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
    if ("true".equalsIgnoreCase(ctx.queryParam("async"))) {
      tenants.get(domain); // 404 now rather than a failed job later
      ImportJob job = jobs.submit(domain, new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
      ctx.status(HttpStatus.ACCEPTED)
          .header(
              "Location",
              "/api/v1/tenants/" + TenantRepository.lower(domain) + "/accounts/import/" + job.id())
          .json(job);
      return;
    }
    AccountImport.Report report =
        importer.run(
            domain,
            new StringReader(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8)),
            AccountImport.Progress.NONE);
    ctx.json(report);
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
