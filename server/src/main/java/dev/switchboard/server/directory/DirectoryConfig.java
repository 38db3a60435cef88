package dev.switchboard.server.directory;

import java.time.Duration;

/**
 * How the in-memory directory follows the database: poll interval of the change log, how long an
 * unknown extension is remembered as unknown, whether all extensions are loaded at start, and the
 * loader threads and queue bound for cache misses.
 */
public record DirectoryConfig(
    Duration pollInterval,
    Duration negativeTtl,
    boolean preloadSubscribers,
    int loaderThreads,
    int loaderQueue) {

  public static final DirectoryConfig DEFAULT =
      new DirectoryConfig(Duration.ofMillis(500), Duration.ofSeconds(5), true, 2, 10_000);

  public DirectoryConfig withPollInterval(Duration d) {
    return new DirectoryConfig(d, negativeTtl, preloadSubscribers, loaderThreads, loaderQueue);
  }

  public DirectoryConfig withPreload(boolean preload) {
    return new DirectoryConfig(pollInterval, negativeTtl, preload, loaderThreads, loaderQueue);
  }
}
