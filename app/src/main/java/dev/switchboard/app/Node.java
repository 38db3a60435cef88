package dev.switchboard.app;

import dev.switchboard.console.AdminToken;
import dev.switchboard.console.ApiServer;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;

/**
 * One running Switchboard process: the database, the HTTP API and (later) the SIP service, opened
 * in that order and closed in reverse.
 */
public final class Node implements AutoCloseable {

  private final Database database;
  private final ApiServer http;
  private final CountDownLatch closed = new CountDownLatch(1);

  private Node(Database database, ApiServer http) {
    this.database = database;
    this.http = http;
  }

  /** Opens everything {@code options} names; {@code adminToken} guards the API. */
  public static Node start(NodeOptions options, String adminToken) {
    DatabaseSettings settings = options.database();
    if (settings.isEmbedded()) {
      try {
        Files.createDirectories(options.data);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create data directory " + options.data, e);
      }
    }
    Database database = Database.open(settings);
    try {
      ApiServer http =
          ApiServer.start(options.bind, options.httpPort, database, AdminToken.of(adminToken));
      // The SIP service starts here, after storage and before we report ready.
      return new Node(database, http);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  public Database database() {
    return database;
  }

  /** The base URL of the console and API, with the port actually bound. */
  public String httpUrl() {
    return http.url();
  }

  /** Blocks until {@link #close()} runs (from a shutdown hook on SIGTERM or Ctrl-C). */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  @Override
  public synchronized void close() {
    if (closed.getCount() == 0) {
      return;
    }
    try {
      http.close();
    } finally {
      database.close();
      closed.countDown();
    }
  }
}
