package dev.switchboard.server.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.peers.DnsmasqPeer;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.TransportKind;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 3263 server location against the answers of a real dnsmasq on loopback. */
class ServerLocatorTest {
  private static DnsmasqPeer dns;

  @BeforeAll
  static void startDns() throws Exception {
    dns =
        DnsmasqPeer.start(
            60,
            List.of(
                // naptr.test: NAPTR prefers TCP (order 10) over UDP (order 20).
                "--naptr-record=naptr.test,20,10,s,SIP+D2U,,_sip._udp.naptr.test",
                "--naptr-record=naptr.test,10,10,s,SIP+D2T,,_sip._tcp.naptr.test",
                "--naptr-record=naptr.test,5,10,u,E2U+sip,!^.*$!sip:x@y!,",
                "--srv-host=_sip._tcp.naptr.test,t.naptr.test,5070,10,10",
                "--srv-host=_sip._udp.naptr.test,u.naptr.test,5080,10,10",
                "--host-record=t.naptr.test,127.0.0.11",
                "--host-record=u.naptr.test,127.0.0.12",
                // srv.test: no NAPTR; SRV for TLS, TCP and UDP, two UDP priorities.
                "--srv-host=_sips._tcp.srv.test,tls.srv.test,5061,10,10",
                "--srv-host=_sip._tcp.srv.test,tcp.srv.test,5060,10,10",
                "--srv-host=_sip._udp.srv.test,udp2.srv.test,5062,20,10",
                "--srv-host=_sip._udp.srv.test,udp1.srv.test,5060,10,10",
                "--host-record=tls.srv.test,127.0.0.21",
                "--host-record=tcp.srv.test,127.0.0.22",
                "--host-record=udp1.srv.test,127.0.0.23",
                "--host-record=udp2.srv.test,127.0.0.24,::1",
                // weights.test: one priority, weights 1 and 9.
                "--srv-host=_sip._udp.weights.test,light.weights.test,5060,10,1",
                "--srv-host=_sip._udp.weights.test,heavy.weights.test,5060,10,9",
                "--host-record=light.weights.test,127.0.0.31",
                "--host-record=heavy.weights.test,127.0.0.32",
                // plain.test: only an address.
                "--host-record=plain.test,127.0.0.41"));
  }

  @AfterAll
  static void stopDns() {
    if (dns != null) {
      dns.close();
    }
  }

  private static ServerLocator locator() {
    return new ServerLocator(
        DnsSettings.DEFAULT.withServer(dns.address()),
        ServerLocator.ALL_TRANSPORTS,
        Clock.systemUTC(),
        new Random(7));
  }

  private static List<Endpoint> locate(ServerLocator l, String uri) throws Exception {
    return l.locate((SipUri) Address.parse("<" + uri + ">").uri()).get(20, TimeUnit.SECONDS);
  }

  private static Endpoint ep(TransportKind kind, String ip, int port) {
    return new Endpoint(kind, new InetSocketAddress(ip, port));
  }

  @Test
  void naptrOrderDecidesTheTransportAndOnlySipServicesCount() throws Exception {
    assertThat(locate(locator(), "sip:alice@naptr.test"))
        .as(dns.log())
        .containsExactly(
            ep(TransportKind.TCP, "127.0.0.11", 5070), ep(TransportKind.UDP, "127.0.0.12", 5080));
  }

  @Test
  void withoutNaptrSrvIsAskedForTlsThenTcpThenUdpAndPriorityOrdersEachSet() throws Exception {
    assertThat(locate(locator(), "sip:alice@srv.test"))
        .as(dns.log())
        .containsExactly(
            ep(TransportKind.TLS, "127.0.0.21", 5061),
            ep(TransportKind.TCP, "127.0.0.22", 5060),
            ep(TransportKind.UDP, "127.0.0.23", 5060),
            ep(TransportKind.UDP, "127.0.0.24", 5062),
            ep(TransportKind.UDP, "::1", 5062));
  }

  @Test
  void onlyTheTransportsTheCallerCanOpenAreAskedFor() throws Exception {
    ServerLocator noTls =
        new ServerLocator(
            DnsSettings.DEFAULT.withServer(dns.address()),
            Set.of(TransportKind.UDP, TransportKind.TCP),
            Clock.systemUTC(),
            new Random(7));
    assertThat(locate(noTls, "sip:alice@srv.test"))
        .extracting(Endpoint::transport)
        .containsExactly(
            TransportKind.TCP, TransportKind.UDP, TransportKind.UDP, TransportKind.UDP);
    assertThat(locate(noTls, "sips:alice@srv.test")).isEmpty();
    assertThat(locate(noTls, "sip:alice@plain.test;transport=tls")).isEmpty();
  }

  @Test
  void sipsIsReachedOverTlsOnly() throws Exception {
    assertThat(locate(locator(), "sips:alice@srv.test"))
        .containsExactly(ep(TransportKind.TLS, "127.0.0.21", 5061));
    assertThat(locate(locator(), "sips:alice@naptr.test")).isEmpty();
  }

  @Test
  void aTransportInTheUriWinsOverNaptr() throws Exception {
    assertThat(locate(locator(), "sip:alice@naptr.test;transport=udp"))
        .containsExactly(ep(TransportKind.UDP, "127.0.0.12", 5080));
  }

  @Test
  void aPortInTheUriSkipsSrvAndUsesTheAddress() throws Exception {
    assertThat(locate(locator(), "sip:alice@tcp.srv.test:5099"))
        .containsExactly(ep(TransportKind.UDP, "127.0.0.22", 5099));
  }

  @Test
  void withNeitherNaptrNorSrvTheAddressOnTheDefaultPortIsLast() throws Exception {
    assertThat(locate(locator(), "sip:alice@plain.test"))
        .containsExactly(ep(TransportKind.UDP, "127.0.0.41", 5060));
    assertThat(locate(locator(), "sip:alice@plain.test;transport=tcp"))
        .containsExactly(ep(TransportKind.TCP, "127.0.0.41", 5060));
    assertThat(locate(locator(), "sip:alice@nowhere.test")).isEmpty();
  }

  @Test
  void anIpLiteralNeedsNoLookup() throws Exception {
    assertThat(locate(locator(), "sip:alice@127.0.0.9:5077;transport=tcp"))
        .containsExactly(ep(TransportKind.TCP, "127.0.0.9", 5077));
  }

  @Test
  void srvWeightsShareTheFirstPlaceInProportion() throws Exception {
    ServerLocator l = locator();
    int heavyFirst = 0;
    int rounds = 1000;
    for (int i = 0; i < rounds; i++) {
      List<Endpoint> found = locate(l, "sip:alice@weights.test");
      assertThat(found).hasSize(2);
      if (found.get(0).address().getAddress().getHostAddress().equals("127.0.0.32")) {
        heavyFirst++;
      }
    }
    // Weight 9 of 10: about 900 of 1000 (a binomial's 4 standard deviations either side).
    assertThat(heavyFirst).isBetween(860, 940);
  }

  @Test
  void answersAreCachedForTheirTtlAndTheCacheIsBounded() throws Exception {
    try (DnsmasqPeer own =
        DnsmasqPeer.start(
            60,
            List.of(
                "--srv-host=_sip._udp.cached.test,a.cached.test,5060,10,10",
                "--host-record=a.cached.test,127.0.0.51"))) {
      ServerLocator l =
          new ServerLocator(
              new DnsSettings(
                  List.of(own.address()),
                  Duration.ofMillis(500),
                  Duration.ofSeconds(30),
                  Duration.ofHours(1),
                  64),
              ServerLocator.ALL_TRANSPORTS,
              Clock.systemUTC(),
              new Random(1));
      List<Endpoint> first = locate(l, "sip:bob@cached.test");
      assertThat(first).containsExactly(ep(TransportKind.UDP, "127.0.0.51", 5060));
      own.close(); // the resolver is gone: only the cache can answer now
      assertThat(locate(l, "sip:bob@cached.test")).isEqualTo(first);
      // Unanswered questions are remembered briefly too, and never more than the bound.
      for (int i = 0; i < 40; i++) {
        assertThat(locate(l, "sip:bob@gone" + i + ".test")).isEmpty();
      }
      assertThat(l.cached()).isLessThanOrEqualTo(64);
    }
  }

  @Test
  void aResolverThatNeverAnswersEndsInNoServersWithinTheTimeout() throws Exception {
    InetSocketAddress silent = new InetSocketAddress("127.0.0.1", freeUdpPort());
    ServerLocator l =
        new ServerLocator(
            new DnsSettings(
                List.of(silent),
                Duration.ofMillis(300),
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                16),
            ServerLocator.ALL_TRANSPORTS,
            Clock.systemUTC(),
            new Random(1));
    assertThat(locate(l, "sip:bob@silent.test")).isEmpty();
  }

  private static int freeUdpPort() throws Exception {
    try (java.net.DatagramSocket s =
        new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
