package dev.switchboard.console.billing;

import dev.switchboard.console.ApiError;
import dev.switchboard.ops.billing.BillingImport;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.StoreException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs billing imports in the background one at a time and remembers the latest jobs. */
final class BillingImportJobs {

  private static final Logger LOG = LoggerFactory.getLogger(BillingImportJobs.class);
  private static final int KEEP = 50;

  private final BillingImport importer;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "billing-import");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, BillingImportJob> jobs =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BillingImportJob> eldest) {
          return size() > KEEP;
        }
      };

  BillingImportJobs(BillingImport importer) {
    this.importer = importer;
  }

  synchronized BillingImportJob submit(String csv) {
    BillingImportJob job =
        new BillingImportJob(UUID.randomUUID().toString(), "running", 0, 0, null, null);
    jobs.put(job.id(), job);
    executor.execute(() -> run(job.id(), csv));
    return job;
  }

  synchronized BillingImportJob get(String id) {
    BillingImportJob job = jobs.get(id);
    if (job == null) {
      throw new NotFoundException("id", "no import job " + id);
    }
    return job;
  }

  private void run(String id, String csv) {
    try {
      BillingImport.Report report =
          importer.run(
              new StringReader(csv),
              (done, total) -> put(new BillingImportJob(id, "running", done, total, null, null)));
      put(new BillingImportJob(id, "done", report.rows(), report.rows(), report, null));
    } catch (StoreException e) {
      put(new BillingImportJob(id, "failed", 0, 0, null, new ApiError(e.getMessage(), e.field())));
    } catch (RuntimeException e) {
      LOG.error("billing import {} failed", id, e);
      put(new BillingImportJob(id, "failed", 0, 0, null, new ApiError("internal error", null)));
    }
  }

  private synchronized void put(BillingImportJob job) {
    jobs.put(job.id(), job);
  }
}
