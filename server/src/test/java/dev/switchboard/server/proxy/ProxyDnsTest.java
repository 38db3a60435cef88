package dev.switchboard.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.directory.TenantRouting.Mode;
import dev.switchboard.server.dns.DnsSettings;
import dev.switchboard.server.dns.ServerLocator;
import dev.switchboard.server.edge.DigestGate;
import dev.switchboard.server.edge.EdgeConfig;
import dev.switchboard.server.edge.EdgeSecurity;
import dev.switchboard.server.peers.DnsmasqPeer;
import dev.switchboard.server.sip.SipService;
import dev.switchboard.server.sip.SipServiceConfig;
import dev.switchboard.server.sip.SipServices;
import dev.switchboard.server.sipp.Sipp;
import dev.switchboard.server.sipp.Sipp.Result;
import dev.switchboard.server.sipp.Sipp.Transport;
import dev.switchboard.server.usage.CallDetailRecord;
import dev.switchboard.server.usage.CallDetailRecord.Direction;
import dev.switchboard.sip.auth.ChallengeOrder;
import dev.switchboard.sip.auth.DigestAuthenticator;
import dev.switchboard.sip.transaction.TimerConfig;
import dev.switchboard.sip.transport.TransportKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy reaching a foreign domain by DNS (RFC 3263) as dnsmasq on loopback describes it, with
 * SIPp as that domain's servers: SRV order, failover on 503 and on a timeout, the static route
 * first.
 */
class ProxyDnsTest {
  private final MemoryDirectory directory =
      new MemoryDirectory().tenant("a.test", Mode.PROXY).user("a.test", "alice", "secret");
  private final CollectingSink sink = new CollectingSink();
  private final List<AutoCloseable> open = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** Our proxy for a.test with {@code routes}, finding other domains through {@code dns}. */
  private int proxy(DnsmasqPeer dns, List<String> routes) throws Exception {
    // T1 of 50 ms: Timer B, and so a silent server's timeout, comes after 3.2 s, not 32.
    SipServiceConfig config =
        SipServiceConfig.listen("127.0.0.1", 0)
            .withTimers(
                TimerConfig.of(Duration.ofMillis(50), Duration.ofSeconds(4), Duration.ofSeconds(5)))
            .withRoutes(RouteTable.parse(routes));
    config =
        config.withProxy(
            config
                .proxy()
                .withLocator(
                    new ServerLocator(
                        DnsSettings.DEFAULT.withServer(dns.address()),
                        ServerLocator.ALL_TRANSPORTS)));
    SipService service =
        SipService.start(
            config,
            SipServices.proxy(directory, new MemoryLocation(), sink)
                .withGate(
                    new DigestGate(
                        new DigestAuthenticator(
                            Clock.systemUTC(),
                            new byte[32],
                            DigestAuthenticator.DEFAULT_NONCE_LIFETIME,
                            ChallengeOrder.MD5_FIRST),
                        directory,
                        new EdgeSecurity(EdgeConfig.DEFAULT, Clock.systemUTC()),
                        Clock.systemUTC())));
    open.add(service);
    return service.address(TransportKind.UDP).getPort();
  }

  private DnsmasqPeer dns(String... records) throws Exception {
    DnsmasqPeer d = DnsmasqPeer.start(60, List.of(records));
    open.add(d);
    return d;
  }

  private Sipp.Running server(String scenario, int port) throws Exception {
    Sipp.Running running =
        Sipp.scenario(resource(scenario)).localPort(port).timeout(Duration.ofSeconds(20)).start();
    open.add(running);
    return running;
  }

  private static Path resource(String name) throws Exception {
    return Path.of(ProxyDnsTest.class.getResource("/sipp/" + name).toURI());
  }

  private Sipp caller(Path scenario, int proxyPort, String toDomain) {
    return Sipp.scenario(scenario)
        .remote("127.0.0.1", proxyPort)
        .set("from", "alice")
        .set("fromdomain", "a.test")
        .set("to", "bob")
        .set("todomain", toDomain)
        .args("-au", "alice", "-ap", "secret");
  }

  private static void assertOk(Result r, DnsmasqPeer dns) {
    assertThat(r.allSucceeded()).as(r.describe() + "\n" + dns.log()).isTrue();
  }

  private CallDetailRecord onlyCall() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (sink.calls().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(sink.calls()).hasSize(1);
    return sink.calls().get(0);
  }

  @Test
  void aCallFailsOverPastA503AndASilentServerToTheNextSrvTarget() throws Exception {
    int unavailable = Sipp.freePort(Transport.UDP);
    int silent = Sipp.freePort(Transport.UDP);
    int working = Sipp.freePort(Transport.UDP);
    DnsmasqPeer dns =
        dns(
            "--srv-host=_sip._udp.b.test,one.b.test," + unavailable + ",10,10",
            "--srv-host=_sip._udp.b.test,two.b.test," + silent + ",20,10",
            "--srv-host=_sip._udp.b.test,three.b.test," + working + ",30,10",
            "--host-record=one.b.test,127.0.0.1",
            "--host-record=two.b.test,127.0.0.1",
            "--host-record=three.b.test,127.0.0.1");
    int port = proxy(dns, List.of());
    Sipp.Running first = server("proxy-uas-unavailable.xml", unavailable);
    Sipp.Running last = server("proxy-uas-answer.xml", working);
    Thread.sleep(300); // SIPp binds its socket shortly after starting.
    assertOk(caller(resource("proxy-uac-call.xml"), port, "b.test").run(), dns);
    assertOk(first.await(), dns);
    assertOk(last.await(), dns);
    CallDetailRecord out = onlyCall();
    assertThat(out.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(out.status()).isEqualTo(200);
  }

  @Test
  void theStaticRouteComesBeforeDns() throws Exception {
    int routed = Sipp.freePort(Transport.UDP);
    // DNS names a server that is not there: only the route reaches the callee.
    DnsmasqPeer dns =
        dns(
            "--srv-host=_sip._udp.b.test,one.b.test," + Sipp.freePort(Transport.UDP) + ",10,10",
            "--host-record=one.b.test,127.0.0.1");
    int port = proxy(dns, List.of("b.test=127.0.0.1:" + routed));
    Sipp.Running callee = server("proxy-uas-answer.xml", routed);
    Thread.sleep(300);
    assertOk(caller(resource("proxy-uac-call.xml"), port, "b.test").run(), dns);
    assertOk(callee.await(), dns);
  }

  @Test
  void aDomainDnsKnowsNothingOfGets404() throws Exception {
    DnsmasqPeer dns = dns("--host-record=elsewhere.test,127.0.0.1");
    int port = proxy(dns, List.of());
    Path fail = dir.resolve("proxy-uac-404.xml");
    Files.writeString(
        fail, Files.readString(resource("proxy-uac-fail.xml")).replace("@STATUS@", "404"));
    assertOk(caller(fail, port, "nowhere.test").run(), dns);
    assertThat(onlyCall().status()).isEqualTo(404);
  }
}
