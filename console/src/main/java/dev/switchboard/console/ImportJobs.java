package dev.switchboard.console;

import dev.switchboard.store.StoreException;
import dev.switchboard.store.account.AccountImport;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs account imports in the background one at a time, so a client can poll their progress;
 * remembers the most recent jobs only.
 */
final class ImportJobs implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
  private static final int KEEP = 50;

  private final AccountImport importer;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "account-import");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, ImportJob> jobs =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ImportJob> eldest) {
          return size() > KEEP;
        }
      };

  ImportJobs(AccountImport importer) {
    this.importer = importer;
  }

  /** Queues an import of {@code csv} into {@code domain} and returns its first state. */
  synchronized ImportJob submit(String domain, String csv) {
    String id = UUID.randomUUID().toString();
    ImportJob job = new ImportJob(id, domain, "running", 0, 0, null, null);
    jobs.put(id, job);
    executor.execute(() -> run(job, csv));
    return job;
  }

  synchronized Optional<ImportJob> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  private void run(ImportJob job, String csv) {
    try {
      AccountImport.Report report =
          importer.run(
              job.domain(),
              new StringReader(csv),
              (processed, total) -> put(withProgress(job, processed, total)));
      ImportJob last = find(job.id()).orElse(job);
      put(new ImportJob(job.id(), job.domain(), "done", last.total(), last.total(), report, null));
    } catch (StoreException e) {
      put(failed(job, new ApiError(e.getMessage(), e.field())));
    } catch (RuntimeException e) {
      LOG.error("account import {} failed", job.id(), e);
      put(failed(job, new ApiError("internal error", null)));
    }
  }

  private static ImportJob withProgress(ImportJob job, int processed, int total) {
    return new ImportJob(job.id(), job.domain(), "running", processed, total, null, null);
  }

  private static ImportJob failed(ImportJob job, ApiError error) {
    return new ImportJob(job.id(), job.domain(), "failed", 0, 0, null, error);
  }

  private synchronized void put(ImportJob job) {
    jobs.put(job.id(), job);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
