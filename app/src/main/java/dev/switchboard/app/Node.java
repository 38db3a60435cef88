package dev.switchboard.app;

import dev.switchboard.console.AdminToken;
import dev.switchboard.console.ApiServer;
import dev.switchboard.server.sip.SipService;
import dev.switchboard.server.sip.SipServiceConfig;
import dev.switchboard.sip.transport.TransportKind;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;

/**
 * One running Switchboard process: the database, the HTTP API and the SIP service, opened in that
 * order and closed in reverse.
 */
public final class Node implements AutoCloseable {

  private final Database database;
  private final ApiServer http;
  private final SipService sip;
  private final CountDownLatch closed = new CountDownLatch(1);

  private Node(Database database, ApiServer http, SipService sip) {
    this.database = database;
    this.http = http;
    this.sip = sip;
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
    // Parsed first: a bad --route should fail before anything is opened.
    SipServiceConfig sipConfig = options.sip();
    Database database = Database.open(settings);
    ApiServer http = null;
    try {
      http = ApiServer.start(options.bind, options.httpPort, database, AdminToken.of(adminToken));
      SipService sip = SipService.start(sipConfig);
      return new Node(database, http, sip);
    } catch (IOException e) {
      http.close();
      database.close();
      throw new UncheckedIOException("cannot open the SIP port " + options.sipPort, e);
    } catch (RuntimeException e) {
      if (http != null) {
        http.close();
      }
      database.close();
      throw e;
    }
  }

  /** Where SIP listens over UDP and TCP (one port number for both). */
  public String sipAddress() {
    var a = sip.address(TransportKind.UDP);
    String host = a.getAddress().isAnyLocalAddress() ? "0.0.0.0" : a.getHostString();
    return host + ":" + a.getPort();
  }

  public SipService sip() {
    return sip;
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
      sip.close();
      http.close();
    } finally {
      database.close();
      closed.countDown();
    }
  }
}
