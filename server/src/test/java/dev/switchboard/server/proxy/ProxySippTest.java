package dev.switchboard.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.directory.TenantRouting.Mode;
import dev.switchboard.server.edge.DigestGate;
import dev.switchboard.server.edge.EdgeConfig;
import dev.switchboard.server.edge.EdgeSecurity;
import dev.switchboard.server.sip.SipService;
import dev.switchboard.server.sip.SipServiceConfig;
import dev.switchboard.server.sip.SipServices;
import dev.switchboard.server.sipp.Sipp;
import dev.switchboard.server.sipp.Sipp.Result;
import dev.switchboard.server.sipp.Sipp.Transport;
import dev.switchboard.server.usage.CallDetailRecord;
import dev.switchboard.server.usage.CallDetailRecord.Direction;
import dev.switchboard.server.usage.CallDetailRecord.EndedBy;
import dev.switchboard.sip.auth.ChallengeOrder;
import dev.switchboard.sip.auth.DigestAuthenticator;
import dev.switchboard.sip.transport.TransportKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy between SIPp callers and callees over real UDP sockets on loopback, with the location
 * service and directory filled directly; every scenario also checks the call records.
 */
class ProxySippTest {
  private final MemoryDirectory directory =
      new MemoryDirectory()
          .tenant("a.test", Mode.PROXY)
          .tenant("r.test", Mode.REDIRECT)
          .user("a.test", "alice", "secret")
          .user("a.test", "bob", "pw")
          .user("a.test", "carol", "pw")
          .user("r.test", "rita", "pw");
  private final MemoryLocation location = new MemoryLocation();
  private final CollectingSink sink = new CollectingSink();
  private final List<AutoCloseable> open = new ArrayList<>();
  private int port;

  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    SipService service = SipService.start(sippConfig(), services(directory, location, sink));
    open.add(service);
    port = service.address(TransportKind.UDP).getPort();
  }

  private static SipServiceConfig sippConfig() {
    return SipServiceConfig.listen("127.0.0.1", 0);
  }

  /** SIPp 3.6 answers only the first challenge and knows only MD5, so MD5 comes first. */
  private static SipServices services(
      MemoryDirectory directory, MemoryLocation location, CollectingSink sink) {
    return SipServices.proxy(directory, location, sink)
        .withGate(
            new DigestGate(
                new DigestAuthenticator(
                    Clock.systemUTC(),
                    new byte[32],
                    DigestAuthenticator.DEFAULT_NONCE_LIFETIME,
                    ChallengeOrder.MD5_FIRST),
                directory,
                new EdgeSecurity(EdgeConfig.DEFAULT, Clock.systemUTC()),
                Clock.systemUTC()));
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private static Path resource(String name) throws Exception {
    return Path.of(ProxySippTest.class.getResource("/sipp/" + name).toURI());
  }

  /** A callee SIPp on a port of its own, bound as a contact of {@code user@domain}. */
  private Sipp.Running callee(String scenario, String user, String domain) throws Exception {
    int p = Sipp.freePort(Transport.UDP);
    Sipp.Running running =
        Sipp.scenario(resource(scenario))
            .localPort(p)
            .timeout(java.time.Duration.ofSeconds(15))
            .start();
    open.add(running);
    location.bind(user, domain, p, 1000);
    Thread.sleep(300); // SIPp binds its socket shortly after starting.
    return running;
  }

  private Sipp caller(String scenario, int proxyPort, String to, String toDomain) throws Exception {
    return Sipp.scenario(scenario.startsWith("/") ? Path.of(scenario) : resource(scenario))
        .remote("127.0.0.1", proxyPort)
        .set("from", "alice")
        .set("fromdomain", "a.test")
        .set("to", to)
        .set("todomain", toDomain)
        .args("-au", "alice", "-ap", "secret");
  }

  private Path failScenario(int status) throws Exception {
    Path p = dir.resolve("proxy-uac-" + status + ".xml");
    Files.writeString(
        p, Files.readString(resource("proxy-uac-fail.xml")).replace("@STATUS@", "" + status));
    return p;
  }

  private static void assertOk(Result r) {
    assertThat(r.allSucceeded()).as(r.describe()).isTrue();
  }

  private CallDetailRecord onlyCall(CollectingSink s) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (s.calls().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(s.calls()).hasSize(1);
    return s.calls().get(0);
  }

  @Test
  void callWithProxyChallengeRingsAnswersAndHangsUp() throws Exception {
    Sipp.Running uas = callee("proxy-uas-answer.xml", "bob", "a.test");
    assertOk(caller("proxy-uac-call.xml", port, "bob", "a.test").run());
    assertOk(uas.await());
    CallDetailRecord cdr = onlyCall(sink);
    assertThat(cdr.domain()).isEqualTo("a.test");
    assertThat(cdr.direction()).isEqualTo(Direction.INTERNAL);
    assertThat(cdr.status()).isEqualTo(200);
    assertThat(cdr.endedBy()).isEqualTo(EndedBy.CALLER);
    assertThat(cdr.answerTime()).isNotNull();
    assertThat(cdr.fromUri()).isEqualTo("sip:alice@a.test");
    assertThat(cdr.toUri()).isEqualTo("sip:bob@a.test");
  }

  @Test
  void reliableProvisionalsUpdateAndInfoPassThroughTheProxy() throws Exception {
    // RFC 3262 PRACK, RFC 3311 UPDATE and RFC 6086 INFO are the phones' business: the proxy only
    // has to keep them on the Record-Route path, and each scenario checks what arrives.
    Sipp.Running uas = callee("proxy-uas-100rel-update-info.xml", "bob", "a.test");
    assertOk(caller("proxy-uac-100rel-update-info.xml", port, "bob", "a.test").run());
    assertOk(uas.await());
    CallDetailRecord cdr = onlyCall(sink);
    assertThat(cdr.status()).isEqualTo(200);
    assertThat(cdr.endedBy()).isEqualTo(EndedBy.CALLER);
  }

  @Test
  void callerCancelsWhileItRings() throws Exception {
    Sipp.Running uas = callee("proxy-uas-cancelled.xml", "bob", "a.test");
    assertOk(caller("proxy-uac-cancel.xml", port, "bob", "a.test").run());
    assertOk(uas.await());
    CallDetailRecord cdr = onlyCall(sink);
    assertThat(cdr.status()).isEqualTo(487);
    assertThat(cdr.endedBy()).isEqualTo(EndedBy.CALLER);
    assertThat(cdr.answerTime()).isNull();
  }

  @Test
  void busyCalleeGives486() throws Exception {
    Sipp.Running uas = callee("proxy-uas-busy.xml", "bob", "a.test");
    assertOk(caller(failScenario(486).toString(), port, "bob", "a.test").run());
    assertOk(uas.await());
    CallDetailRecord cdr = onlyCall(sink);
    assertThat(cdr.status()).isEqualTo(486);
    assertThat(cdr.endedBy()).isEqualTo(EndedBy.SYSTEM);
  }

  @Test
  void unknownUserGives404() throws Exception {
    assertOk(caller(failScenario(404).toString(), port, "nobody", "a.test").run());
    assertThat(onlyCall(sink).status()).isEqualTo(404);
  }

  @Test
  void userWithoutBindingsGives480() throws Exception {
    assertOk(caller(failScenario(480).toString(), port, "carol", "a.test").run());
    assertThat(onlyCall(sink).status()).isEqualTo(480);
  }

  @Test
  void forkToTwoContactsCancelsTheOneThatDidNotAnswer() throws Exception {
    Sipp.Running answering = callee("proxy-uas-answer.xml", "bob", "a.test");
    Sipp.Running cancelled = callee("proxy-uas-cancelled.xml", "bob", "a.test");
    assertOk(caller("proxy-uac-call.xml", port, "bob", "a.test").run());
    assertOk(answering.await());
    assertOk(cancelled.await());
    CallDetailRecord cdr = onlyCall(sink);
    assertThat(cdr.status()).isEqualTo(200);
    assertThat(cdr.endedBy()).isEqualTo(EndedBy.CALLER);
  }

  @Test
  void redirectDomainAnswers302AndTheCallerFollowsIt() throws Exception {
    Sipp.Running uas = callee("proxy-uas-answer.xml", "rita", "r.test");
    assertOk(caller("proxy-uac-redirect.xml", port, "rita", "r.test").run());
    assertOk(uas.await());
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (sink.calls().size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(sink.calls())
        .extracting(CallDetailRecord::domain, CallDetailRecord::direction, CallDetailRecord::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a.test", Direction.OUTBOUND, 302),
            org.assertj.core.groups.Tuple.tuple("r.test", Direction.INBOUND, 302));
  }

  @Test
  void crossDomainCallGoesThroughAStaticRouteToTheOtherProxy() throws Exception {
    MemoryDirectory bDirectory =
        new MemoryDirectory().tenant("b.test", Mode.PROXY).user("b.test", "bob", "pw");
    MemoryLocation bLocation = new MemoryLocation();
    CollectingSink bSink = new CollectingSink();
    SipService b = SipService.start(sippConfig(), services(bDirectory, bLocation, bSink));
    open.add(b);
    int bPort = b.address(TransportKind.UDP).getPort();
    MemoryDirectory aDirectory =
        new MemoryDirectory().tenant("a.test", Mode.PROXY).user("a.test", "alice", "secret");
    CollectingSink aSink = new CollectingSink();
    SipService a =
        SipService.start(
            sippConfig().withRoutes(RouteTable.parse(List.of("b.test=127.0.0.1:" + bPort))),
            services(aDirectory, new MemoryLocation(), aSink));
    open.add(a);
    int p = Sipp.freePort(Transport.UDP);
    Sipp.Running uas = Sipp.scenario(resource("proxy-uas-answer.xml")).localPort(p).start();
    open.add(uas);
    bLocation.bind("bob", "b.test", p, 1000);
    Thread.sleep(300);
    assertOk(
        caller("proxy-uac-call.xml", a.address(TransportKind.UDP).getPort(), "bob", "b.test")
            .run());
    assertOk(uas.await());
    CallDetailRecord out = onlyCall(aSink);
    assertThat(out.domain()).isEqualTo("a.test");
    assertThat(out.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(out.status()).isEqualTo(200);
    CallDetailRecord in = onlyCall(bSink);
    assertThat(in.domain()).isEqualTo("b.test");
    assertThat(in.direction()).isEqualTo(Direction.INBOUND);
    assertThat(in.endedBy()).isEqualTo(EndedBy.CALLER);
  }
}
