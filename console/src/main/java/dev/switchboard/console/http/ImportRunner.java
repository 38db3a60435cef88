package dev.switchboard.console.http;

import dev.switchboard.console.ApiError;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.StoreException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one kind of CSV import in the background, one at a time, so a client can poll a job's
 * progress; remembers the latest jobs only. A job is an immutable record replaced as it moves on.
 *
 * @param <J> the job record the client sees
 */
public final class ImportRunner<J> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);
  private static final int KEEP = 50;

  /** The import itself: reports progress through the consumer and returns the finished job. */
  public interface Work<J> {
    J run(Consumer<J> progress);
  }

  private final String name;
  private final Function<J, String> idOf;
  private final ExecutorService executor;
  private final Map<String, J> jobs =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, J> eldest) {
          return size() > KEEP;
        }
      };

  /** {@code name} names the worker thread and the log lines ("lead-import"). */
  public ImportRunner(String name, Function<J, String> idOf) {
    this.name = name;
    this.idOf = idOf;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Queues {@code work} as the job {@code first}; when it throws, the job becomes {@code
   * failed.apply(error)} (the store's message for bad input, "internal error" otherwise).
   */
  public J submit(J first, Work<J> work, Function<ApiError, J> failed) {
    put(first);
    executor.execute(() -> run(first, work, failed));
    return first;
  }

  private void run(J first, Work<J> work, Function<ApiError, J> failed) {
    try {
      put(work.run(this::put));
    } catch (StoreException e) {
      put(failed.apply(new ApiError(e.getMessage(), e.field())));
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", name, idOf.apply(first), e);
      put(failed.apply(new ApiError("internal error", null)));
    }
  }

  private synchronized void put(J job) {
    jobs.put(idOf.apply(job), job);
  }

  /** The job {@code id}, if it is still remembered. */
  public synchronized Optional<J> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  /** The job {@code id}, or a 404. */
  public J get(String id) {
    return find(id).orElseThrow(() -> new NotFoundException("id", "no import job " + id));
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
