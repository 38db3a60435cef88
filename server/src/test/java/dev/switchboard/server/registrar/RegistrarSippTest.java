package dev.switchboard.server.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.sip.SelfSignedCertificate;
import dev.switchboard.server.sipp.Sipp;
import dev.switchboard.server.sipp.Sipp.Result;
import dev.switchboard.server.sipp.Sipp.Transport;
import dev.switchboard.server.usage.RegistrationEvent;
import dev.switchboard.server.usage.UsageEvent;
import dev.switchboard.sip.auth.ChallengeOrder;
import dev.switchboard.sip.transaction.HashedWheelTimerService;
import dev.switchboard.sip.transaction.TimerConfig;
import dev.switchboard.sip.transaction.TransactionLayer;
import dev.switchboard.sip.transport.NettyTransport;
import dev.switchboard.sip.transport.TlsConfig;
import dev.switchboard.sip.transport.TransportConfig;
import dev.switchboard.sip.transport.TransportKind;
import dev.switchboard.store.Database;
import dev.switchboard.store.account.Account;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIPp registers 20 users with digest, refreshes and unregisters them, against the registrar on a
 * real Netty transport and transaction layer on loopback, over UDP, TCP and TLS.
 */
class RegistrarSippTest {

  static final int USERS = 20;

  @TempDir static Path dir;
  static TestDatabase testDb;
  static Database db;
  static RegistrarModule module;
  static HashedWheelTimerService timers;
  static NettyTransport transport;
  static TransactionLayer layer;
  static final List<UsageEvent> events = new CopyOnWriteArrayList<>();
  static TlsConfig tls;

  @BeforeAll
  static void start() throws Exception {
    testDb = TestDatabases.h2(dir.resolve("db"));
    db = Database.open(testDb.settings());
    new TenantRepository(db.jdbi()).create(Tenant.create("a.test", "A"));
    AccountRepository accounts = new AccountRepository(db.jdbi());
    StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
    for (int i = 0; i < USERS; i++) {
      String user = Integer.toString(3000 + i);
      String password = "pw-" + user + "-secret";
      accounts.create("a.test", Account.create(user, null), password);
      csv.append(user)
          .append(";a.test;[authentication username=")
          .append(user)
          .append(" password=")
          .append(password)
          .append("]\n");
    }
    Files.writeString(dir.resolve("users.csv"), csv);
    module =
        RegistrarModule.start(
            db.jdbi(),
            events::add,
            Clock.systemUTC(),
            // SIPp 3.6.1 answers only the first WWW-Authenticate and only MD5.
            RegistrarModule.Settings.DEFAULT.withChallengeOrder(ChallengeOrder.MD5_FIRST),
            dir.resolve("location"));
    timers = new HashedWheelTimerService();
    tls = SelfSignedCertificate.inDirectory(dir.resolve("tls"), 0, List.of("127.0.0.1"));
    transport =
        new NettyTransport(
                TransportConfig.listen("127.0.0.1", 0), (m, src) -> layer.onMessage(m, src))
            .listenTls(tls);
    layer = new TransactionLayer(transport, timers, TimerConfig.DEFAULT);
    layer.setUser(new RegisterOnlyUser(module.registrar()));
    transport.start();
  }

  @AfterAll
  static void stop() {
    if (transport != null) {
      transport.close();
    }
    if (timers != null) {
      timers.close();
    }
    if (module != null) {
      module.close();
    }
    if (db != null) {
      db.close();
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDP", "TCP"})
  void twentyUsersRegisterRefreshAndUnregister(Transport kind) throws Exception {
    events.clear();
    TransportKind listener = kind == Transport.TLS ? TransportKind.TLS : TransportKind.UDP;
    int port = transport.listenAddress(listener).getPort();
    Path scenario =
        Path.of(RegistrarSippTest.class.getResource("/sipp/register-auth-uac.xml").toURI());
    Result r =
        Sipp.scenario(scenario)
            .remote("127.0.0.1", port)
            .transport(kind)
            .injection(dir.resolve("users.csv"))
            .calls(USERS)
            .rate(50)
            .tlsCertificate(tls.certificateChain(), tls.privateKey())
            .run();
    assertThat(r.allSucceeded()).as(r.describe()).isTrue();
    assertThat(r.successfulCalls()).isEqualTo(USERS);
    for (int i = 0; i < USERS; i++) {
      assertThat(module.locations().lookup("sip:" + (3000 + i) + "@a.test")).isEmpty();
    }
    assertThat(events)
        .filteredOn(e -> ((RegistrationEvent) e).kind() == RegistrationEvent.Kind.ADDED)
        .hasSize(USERS);
    assertThat(events)
        .filteredOn(e -> ((RegistrationEvent) e).kind() == RegistrationEvent.Kind.REMOVED)
        .hasSize(USERS);
  }

  /** Needs a SIPp built with TLS (Debian's has none): the opt-in {@code sipp-tls} group. */
  @org.junit.jupiter.api.Test
  @org.junit.jupiter.api.Tag("sipp-tls")
  void sipsAddressesRegisterOverTls() throws Exception {
    events.clear();
    Path scenario =
        Path.of(RegistrarSippTest.class.getResource("/sipp/register-auth-sips-uac.xml").toURI());
    Result r =
        Sipp.scenario(scenario)
            .remote("127.0.0.1", transport.listenAddress(TransportKind.TLS).getPort())
            .transport(Transport.TLS)
            .tlsCertificate(tls.certificateChain(), tls.privateKey())
            .injection(dir.resolve("users.csv"))
            .calls(5)
            .rate(50)
            .run();
    assertThat(r.allSucceeded()).as(r.describe()).isTrue();
    assertThat(events)
        .filteredOn(e -> ((RegistrationEvent) e).kind() == RegistrationEvent.Kind.ADDED)
        .hasSize(5);
  }
}
