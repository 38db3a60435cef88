package dev.switchboard.app.e2e;

import static dev.switchboard.app.e2e.Phones.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.peers.DnsmasqPeer;
import dev.switchboard.server.peers.KamailioPeer;
import dev.switchboard.server.sipp.Sipp;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call to another domain found by DNS alone (RFC 3263), no {@code --route}: dnsmasq on loopback
 * publishes foreign.test's NAPTR, SRV and A records, and Kamailio serves foreign.test.
 */
class DnsLocatedDomainTest {
  @TempDir Path dir;

  private static KamailioPeer.Settings foreign(int switchboardPort) {
    return KamailioPeer.Settings.defaults()
        .withDomain("foreign.test")
        .withPeer("a.test", "127.0.0.1", switchboardPort)
        .withAuth(true, false);
  }

  private void call(Switchboard sb, KamailioPeer kamailio, DnsmasqPeer dns) throws Exception {
    sb.tenant("a.test", "1001");
    Path answer = Switchboard.scenario(dir, "proxy-uas-answer.xml");
    Path call = Switchboard.scenario(dir, "proxy-uac-call.xml");
    try (Sipp.Running phone =
        Phones.callee(
            dir,
            "127.0.0.1",
            kamailio.port(),
            "2001",
            "foreign.test",
            kamailio.settings().password(),
            answer)) {
      Sipp.Result out =
          Phones.caller(dir, sb.sipPort(), call, "1001", "a.test", "2001", "foreign.test").run();
      assertThat(out.allSucceeded())
          .as(out.describe() + kamailio.log() + "\n" + dns.log())
          .isTrue();
      assertOk(phone.await());
    }
    var cdr = sb.awaitCall("a.test", "1001", "2001");
    assertThat(cdr.get("status").asInt()).as(cdr.toString()).isEqualTo(200);
    assertThat(cdr.get("direction").asText()).isEqualToIgnoringCase("outbound");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aCallReachesTheDomainItsNaptrAndSrvRecordsName() throws Exception {
    int port = Switchboard.freeSipPort();
    try (KamailioPeer kamailio = KamailioPeer.start(foreign(port));
        DnsmasqPeer dns =
            DnsmasqPeer.start(
                60,
                List.of(
                    "--naptr-record=foreign.test,10,10,s,SIP+D2U,,_sip._udp.foreign.test",
                    "--srv-host=_sip._udp.foreign.test,sip.foreign.test,"
                        + kamailio.port()
                        + ",10,10",
                    "--host-record=sip.foreign.test,127.0.0.1"));
        Switchboard sb =
            Switchboard.start(dir.resolve("a"), port, "--dns-server", dns.hostPort())) {
      call(sb, kamailio, dns);
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void withTheFirstSrvTargetStoppedTheCallGoesToTheSecond() throws Exception {
    int port = Switchboard.freeSipPort();
    KamailioPeer first = KamailioPeer.start(foreign(port).withTcp());
    int firstPort = first.port();
    first.close(); // the higher-priority server is down
    try (KamailioPeer second = KamailioPeer.start(foreign(port).withTcp());
        DnsmasqPeer dns =
            DnsmasqPeer.start(
                60,
                List.of(
                    "--srv-host=_sip._tcp.foreign.test,sip1.foreign.test," + firstPort + ",10,10",
                    "--srv-host=_sip._tcp.foreign.test,sip2.foreign.test,"
                        + second.port()
                        + ",20,10",
                    "--host-record=sip1.foreign.test,127.0.0.1",
                    "--host-record=sip2.foreign.test,127.0.0.1"));
        Switchboard sb =
            Switchboard.start(dir.resolve("a"), port, "--dns-server", dns.hostPort())) {
      call(sb, second, dns);
    }
  }
}
