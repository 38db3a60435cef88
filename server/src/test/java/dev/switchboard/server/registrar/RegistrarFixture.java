package dev.switchboard.server.registrar;

import dev.switchboard.server.directory.DirectoryConfig;
import dev.switchboard.server.location.LocationConfig;
import dev.switchboard.server.usage.RegistrationEvent;
import dev.switchboard.server.usage.UsageEvent;
import dev.switchboard.sip.auth.DigestClient;
import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transaction.TimerConfig;
import dev.switchboard.sip.transaction.TransactionLayer;
import dev.switchboard.sip.transaction.VirtualClock;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.SipTransport;
import dev.switchboard.sip.transport.TransportKind;
import dev.switchboard.store.Database;
import dev.switchboard.store.account.Account;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import dev.switchboard.store.testing.TestDatabase;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registrar on a real database and transaction layer, with a fake transport that records
 * responses and a clock the test moves: tenants a.test (1001, 1002, disabled 1003) and suspended
 * s.test (2001).
 */
final class RegistrarFixture implements AutoCloseable {

  static final String PASSWORD = "secret-pw-1";
  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  final MutableClock clock = new MutableClock(START);
  final List<UsageEvent> events = new CopyOnWriteArrayList<>();
  final BlockingQueue<SipMessage> sent = new LinkedBlockingQueue<>();
  final Database db;
  final RegistrarModule module;
  final TransactionLayer layer;
  private final TestDatabase testDb;
  private final AtomicInteger branch = new AtomicInteger();
  final Endpoint source = Endpoint.udp(new InetSocketAddress("127.0.0.1", 5062));

  RegistrarFixture(TestDatabase testDb, RegistrarConfig config, Path locationDir) {
    this.testDb = testDb;
    this.db = Database.open(testDb.settings());
    TenantRepository tenants = new TenantRepository(db.jdbi());
    AccountRepository accounts = new AccountRepository(db.jdbi());
    tenants.create(Tenant.create("a.test", "A"));
    tenants.create(Tenant.create("s.test", "S").withStatus(TenantStatus.SUSPENDED));
    for (String u : List.of("1001", "1002")) {
      accounts.create("a.test", Account.create(u, null), PASSWORD);
    }
    accounts.create("a.test", Account.create("1003", null).withEnabled(false), PASSWORD);
    accounts.create("s.test", Account.create("2001", null), PASSWORD);
    this.module =
        RegistrarModule.start(
            db.jdbi(),
            events::add,
            clock,
            new RegistrarModule.Settings(
                config,
                DirectoryConfig.DEFAULT.withPollInterval(Duration.ofMillis(50)),
                // The sweeper thread stays out of the way; tests call sweep() themselves.
                new LocationConfig(1000, 500, Duration.ofHours(1), true, 64L << 20),
                new byte[32],
                Duration.ofMinutes(5),
                dev.switchboard.sip.auth.ChallengeOrder.SHA256_FIRST,
                dev.switchboard.server.edge.EdgeConfig.DEFAULT),
            locationDir);
    SipTransport transport =
        new SipTransport() {
          @Override
          public CompletionStage<Void> send(SipMessage message, Endpoint to) {
            sent.add(message);
            return CompletableFuture.completedFuture(null);
          }

          @Override
          public InetSocketAddress listenAddress(TransportKind kind) {
            return new InetSocketAddress("127.0.0.1", 5060);
          }
        };
    this.layer = new TransactionLayer(transport, new VirtualClock(), TimerConfig.DEFAULT);
    layer.setUser(new RegisterOnlyUser(module.registrar()));
  }

  /** A REGISTER for {@code user}@{@code domain}; {@code extra} are whole header lines. */
  SipRequest request(String user, String domain, String callId, long cseq, String... extra) {
    StringBuilder sb =
        new StringBuilder()
            .append("REGISTER sip:")
            .append(domain)
            .append(" SIP/2.0\r\n")
            .append("Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-t")
            .append(branch.incrementAndGet())
            .append("\r\nMax-Forwards: 70\r\n")
            .append("From: <sip:")
            .append(user)
            .append('@')
            .append(domain)
            .append(">;tag=f1\r\nTo: <sip:")
            .append(user)
            .append('@')
            .append(domain)
            .append(">\r\nCall-ID: ")
            .append(callId)
            .append("\r\nCSeq: ")
            .append(cseq)
            .append(" REGISTER\r\nUser-Agent: test-phone/1.0\r\n");
    for (String h : extra) {
      sb.append(h).append("\r\n");
    }
    sb.append("Content-Length: 0\r\n\r\n");
    return (SipRequest)
        new MessageParser().parseDatagram(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Hands {@code request} to the transaction layer and waits for the final response. */
  SipResponse send(SipRequest request) {
    layer.onMessage(request, source);
    try {
      while (true) {
        SipMessage m = sent.poll(10, TimeUnit.SECONDS);
        if (m == null) {
          throw new AssertionError("no response to " + request.startLine());
        }
        if (m instanceof SipResponse r && r.isFinal()) {
          return r;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Sends without credentials, answers the 401 with {@code password}, returns the final answer. */
  SipResponse register(
      String user, String domain, String password, String callId, long cseq, String... extra) {
    SipResponse challenge = send(request(user, domain, callId, cseq, extra));
    if (challenge.status() != 401) {
      return challenge;
    }
    SipRequest retry = request(user, domain, callId, cseq + 1, extra);
    new DigestClient().authorize(retry, challenge, user, password);
    return send(retry);
  }

  /** The 200 of an authenticated REGISTER of a.test's {@code user}, CSeq {@code cseq}+1. */
  SipResponse register(String user, String callId, long cseq, String... extra) {
    return register(user, "a.test", PASSWORD, callId, cseq, extra);
  }

  List<RegistrationEvent.Kind> eventKinds() {
    return events.stream()
        .filter(e -> e instanceof RegistrationEvent)
        .map(e -> ((RegistrationEvent) e).kind())
        .toList();
  }

  @Override
  public void close() {
    module.close();
    db.close();
    testDb.close();
  }
}
