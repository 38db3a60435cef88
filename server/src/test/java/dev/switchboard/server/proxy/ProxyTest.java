package dev.switchboard.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.directory.TenantRouting.Mode;
import dev.switchboard.server.edge.DigestGate;
import dev.switchboard.server.edge.EdgeConfig;
import dev.switchboard.server.edge.EdgeSecurity;
import dev.switchboard.server.usage.CallDetailRecord.EndedBy;
import dev.switchboard.sip.auth.DigestAuthenticator;
import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transaction.InviteServerTransaction;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.sip.transaction.TimerConfig;
import dev.switchboard.sip.transaction.TransactionLayer;
import dev.switchboard.sip.transaction.TransactionUser;
import dev.switchboard.sip.transaction.VirtualClock;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.SipTransport;
import dev.switchboard.sip.transport.TransportKind;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy core on a virtual clock with an in-memory transport: forking, timers, best response.
 */
class ProxyTest {
  private static final Endpoint CALLER = Endpoint.udp(new InetSocketAddress("127.0.0.1", 7000));

  private record Sent(SipMessage message, Endpoint to) {}

  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final VirtualClock clock = new VirtualClock();
  private final MemoryDirectory directory =
      new MemoryDirectory().synchronous().tenant("a.test", Mode.PROXY).user("a.test", "bob", "pw");
  private final MemoryLocation location = new MemoryLocation();
  private final CollectingSink sink = new CollectingSink();
  private TransactionLayer layer;
  private Proxy proxy;

  @BeforeEach
  void setUp() {
    SipTransport transport =
        new SipTransport() {
          @Override
          public CompletionStage<Void> send(SipMessage message, Endpoint to) {
            sent.add(new Sent(message, to));
            return CompletableFuture.completedFuture(null);
          }

          @Override
          public InetSocketAddress listenAddress(TransportKind kind) {
            return new InetSocketAddress("127.0.0.1", 5060);
          }
        };
    layer = new TransactionLayer(transport, clock, TimerConfig.DEFAULT.withAutoTrying(null));
    proxy =
        new Proxy(
            layer,
            clock,
            Clock.systemUTC(),
            ProxyConfig.DEFAULT,
            new ProxyAddress("127.0.0.1", 5060, Set.of(), 5061),
            directory,
            location,
            new DigestGate(
                new DigestAuthenticator(
                    Clock.systemUTC(), new byte[32], DigestAuthenticator.DEFAULT_NONCE_LIFETIME),
                directory,
                new EdgeSecurity(EdgeConfig.DEFAULT, Clock.systemUTC()),
                Clock.systemUTC()),
            new byte[32],
            sink);
    layer.setUser(
        new TransactionUser() {
          @Override
          public void onRequest(ServerTransaction tx) {
            proxy.onRequest(tx);
          }

          @Override
          public void onAck(SipRequest ack, Endpoint source) {
            proxy.onAck(ack, source);
          }

          @Override
          public void onStrayResponse(SipResponse response, Endpoint source) {
            proxy.onStrayResponse(response, source);
          }

          @Override
          public void onCancel(InviteServerTransaction target, SipRequest cancel) {
            proxy.onCancel(target, cancel);
          }
        });
  }

  private static SipMessage parse(String text) {
    byte[] b = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    return new MessageParser().parseDatagram(b, 0, b.length);
  }

  private int calls;

  private void invite(String to, int maxForwards) {
    calls++;
    layer.onMessage(
        parse(
            "INVITE sip:"
                + to
                + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:7000;branch=z9hG4bK-c"
                + calls
                + ";rport\n"
                + "Max-Forwards: "
                + maxForwards
                + "\n"
                + "From: <sip:zoe@x.test>;tag=caller\n"
                + "To: <sip:"
                + to
                + ">\n"
                + "Call-ID: call-1\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:zoe@127.0.0.1:7000>\n"
                + "Content-Length: 0\n\n"),
        CALLER);
  }

  private List<SipRequest> requestsTo(int port, String method) {
    return sent.stream()
        .filter(s -> s.to().address().getPort() == port)
        .map(Sent::message)
        .filter(m -> m instanceof SipRequest r && r.isMethod(method))
        .map(SipRequest.class::cast)
        .toList();
  }

  private List<Integer> toCaller() {
    return sent.stream()
        .filter(s -> s.to().equals(CALLER) && s.message() instanceof SipResponse)
        .map(s -> ((SipResponse) s.message()).status())
        .toList();
  }

  private void answer(SipRequest forwarded, int status, int port) {
    SipResponse r = forwarded.createResponse(status, null);
    r.setTo(r.to().withTag("callee" + port));
    layer.onMessage(r, Endpoint.udp(new InetSocketAddress("127.0.0.1", port)));
  }

  @Test
  void maxForwardsZeroIs483AndForeignToForeignIs403() {
    invite("bob@a.test", 0);
    invite("someone@elsewhere.test", 70);
    assertThat(toCaller()).containsExactly(483, 403);
  }

  @Test
  void forwardedInviteIsRecordRoutedWithOurViaAndLowerMaxForwards() {
    location.bind("bob", "a.test", 6001, 1000);
    invite("bob@a.test", 70);
    SipRequest fwd = requestsTo(6001, "INVITE").get(0);
    assertThat(fwd.requestUri().toString()).isEqualTo("sip:bob@127.0.0.1:6001");
    assertThat(fwd.maxForwards()).isEqualTo(69);
    // Our URI with the dialog's token, which only we can make (checked on the way back).
    assertThat(fwd.recordRoutes().get(0).uri().toString())
        .matches("sip:127\\.0\\.0\\.1:5060;lr;dlg=[A-Za-z0-9_-]{16}");
    assertThat(fwd.topVia().branch()).endsWith("-" + Proxy.loopHash(requestFromCaller()));
    assertThat(fwd.vias()).hasSize(2);
  }

  private SipRequest requestFromCaller() {
    return (SipRequest)
        parse(
            "INVITE sip:bob@a.test SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:7000;branch=z9hG4bK-c1;rport\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:zoe@x.test>;tag=caller\n"
                + "To: <sip:bob@a.test>\n"
                + "Call-ID: call-1\n"
                + "CSeq: 1 INVITE\n"
                + "Content-Length: 0\n\n");
  }

  private static final Endpoint TLS_CALLER =
      new Endpoint(TransportKind.TLS, new InetSocketAddress("127.0.0.1", 7001));

  private static String inDialog(String method, String ruri, String via, String from, String to) {
    return method
        + " "
        + ruri
        + " SIP/2.0\n"
        + "Via: "
        + via
        + "\n"
        + "Max-Forwards: 70\n"
        + "From: "
        + from
        + "\n"
        + "To: "
        + to
        + "\n"
        + "Call-ID: call-tls\n"
        + "CSeq: 2 "
        + method
        + "\n";
  }

  @Test
  void aCallFromTlsToUdpIsRecordRoutedTwiceAndEachSidesByeGoesToTheOther() {
    location.bind("bob", "a.test", 6001, 1000);
    layer.onMessage(
        parse(
            "INVITE sip:bob@a.test SIP/2.0\n"
                + "Via: SIP/2.0/TLS 10.9.9.9:5999;branch=z9hG4bK-tls1;rport\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:zoe@x.test>;tag=caller\n"
                + "To: <sip:bob@a.test>\n"
                + "Call-ID: call-tls\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:zoe@10.9.9.9:5999;transport=tls>\n"
                + "Content-Length: 0\n\n"),
        TLS_CALLER);
    SipRequest fwd = requestsTo(6001, "INVITE").get(0);
    List<String> rr = fwd.recordRoutes().stream().map(a -> a.uri().toString()).toList();
    // RFC 5658: the callee's side (UDP, port 5060) on top, the caller's TLS side with its flow.
    assertThat(rr).hasSize(2);
    assertThat(rr.get(0)).matches("sip:127\\.0\\.0\\.1:5060;lr;dlg=[A-Za-z0-9_-]+;r2=on");
    assertThat(rr.get(1))
        .matches(
            "sip:127\\.0\\.0\\.1:5061;transport=tls;lr;dlg=[A-Za-z0-9_-]+;flow=[A-Za-z0-9_.-]+;r2=on");
    assertThat(fwd.topVia().transport()).isEqualTo("UDP");
    assertThat(fwd.topVia().port()).isEqualTo(5060);
    String route = "Route: <" + rr.get(0) + ">,<" + rr.get(1) + ">\n";

    // The callee's BYE goes over the caller's TLS connection, not to its Contact.
    layer.onMessage(
        parse(
            inDialog(
                    "BYE",
                    "sip:zoe@10.9.9.9:5999;transport=tls",
                    "SIP/2.0/UDP 127.0.0.1:6001;branch=z9hG4bK-bye1",
                    "<sip:bob@a.test>;tag=callee",
                    "<sip:zoe@x.test>;tag=caller")
                + route
                + "Content-Length: 0\n\n"),
        Endpoint.udp(new InetSocketAddress("127.0.0.1", 6001)));
    List<Sent> byes =
        sent.stream()
            .filter(x -> x.message() instanceof SipRequest r && r.isMethod("BYE"))
            .toList();
    assertThat(byes).hasSize(1);
    assertThat(byes.get(0).to()).isEqualTo(TLS_CALLER);
    SipRequest bye = (SipRequest) byes.get(0).message();
    assertThat(bye.topVia().transport()).isEqualTo("TLS");
    assertThat(bye.topVia().port()).isEqualTo(5061);

    // The caller's own BYE, in on its flow, goes to the callee's Contact over UDP.
    layer.onMessage(
        parse(
            inDialog(
                    "BYE",
                    "sip:bob@127.0.0.1:6001",
                    "SIP/2.0/TLS 10.9.9.9:5999;branch=z9hG4bK-bye2",
                    "<sip:zoe@x.test>;tag=caller",
                    "<sip:bob@a.test>;tag=callee")
                + "Route: <"
                + rr.get(1)
                + ">,<"
                + rr.get(0)
                + ">\n"
                + "Content-Length: 0\n\n"),
        TLS_CALLER);
    assertThat(requestsTo(6001, "BYE")).hasSize(1);
    assertThat(
            sent.stream()
                .filter(x -> x.message() instanceof SipRequest r && r.isMethod("BYE"))
                .filter(x -> x.to().equals(Endpoint.udp(new InetSocketAddress("127.0.0.1", 6001))))
                .count())
        .isEqualTo(1);
  }

  @Test
  void aForgedFlowMarkIsIgnored() {
    location.bind("bob", "a.test", 6001, 1000);
    layer.onMessage(
        parse(
            "INVITE sip:bob@a.test SIP/2.0\n"
                + "Via: SIP/2.0/TLS 10.9.9.9:5999;branch=z9hG4bK-tls2;rport\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:zoe@x.test>;tag=caller\n"
                + "To: <sip:bob@a.test>\n"
                + "Call-ID: call-tls\n"
                + "CSeq: 1 INVITE\n"
                + "Content-Length: 0\n\n"),
        TLS_CALLER);
    List<String> rr =
        requestsTo(6001, "INVITE").get(0).recordRoutes().stream()
            .map(a -> a.uri().toString())
            .toList();
    // Someone in the dialog points the flow at another connection: base64 of another address.
    String forged =
        rr.get(1)
            .replaceAll(
                "flow=[^.;]+",
                "flow="
                    + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("TLS~127.0.0.1~7777".getBytes(StandardCharsets.UTF_8)));
    layer.onMessage(
        parse(
            inDialog(
                    "BYE",
                    "sip:zoe@127.0.0.1:7002",
                    "SIP/2.0/UDP 127.0.0.1:6001;branch=z9hG4bK-bye3",
                    "<sip:bob@a.test>;tag=callee",
                    "<sip:zoe@x.test>;tag=caller")
                + "Route: <"
                + rr.get(0)
                + ">,<"
                + forged
                + ">\n"
                + "Content-Length: 0\n\n"),
        Endpoint.udp(new InetSocketAddress("127.0.0.1", 6001)));
    List<Sent> byes =
        sent.stream()
            .filter(x -> x.message() instanceof SipRequest r && r.isMethod("BYE"))
            .toList();
    assertThat(byes).hasSize(1);
    assertThat(byes.get(0).to()).isEqualTo(Endpoint.udp(new InetSocketAddress("127.0.0.1", 7002)));
  }

  @Test
  void theSameRequestComingBackIsALoop() {
    location.bind("bob", "a.test", 6001, 1000);
    invite("bob@a.test", 70);
    SipRequest fwd = requestsTo(6001, "INVITE").get(0);
    // The next hop sends it straight back to us unchanged except for the hop-by-hop fields.
    SipRequest back = fwd.copy();
    back.setRequestUri(requestFromCaller().requestUri());
    back.removeHeader("Record-Route");
    layer.onMessage(back, Endpoint.udp(new InetSocketAddress("127.0.0.1", 6001)));
    assertThat(
            sent.stream()
                .filter(s -> s.message() instanceof SipResponse r && r.status() == 482)
                .count())
        .isEqualTo(1);
  }

  @Test
  void timerCCancelsARingingBranchAndTheCallerGets480() {
    location.bind("bob", "a.test", 6001, 1000);
    invite("bob@a.test", 70);
    SipRequest fwd = requestsTo(6001, "INVITE").get(0);
    answer(fwd, 180, 6001);
    clock.advance(Duration.ofSeconds(180));
    assertThat(requestsTo(6001, "CANCEL")).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    SipRequest cancel = requestsTo(6001, "CANCEL").get(0);
    assertThat(cancel.header("Reason")).contains("cause=480");
    answer(cancel, 200, 6001);
    answer(fwd, 487, 6001);
    assertThat(toCaller()).containsExactly(180, 480);
    assertThat(sink.calls()).hasSize(1);
    assertThat(sink.calls().get(0).status()).isEqualTo(480);
    assertThat(sink.calls().get(0).endedBy()).isEqualTo(EndedBy.SYSTEM);
  }

  @Test
  void every2xxReachesTheCallerAfterTheContextLetGoOfTheCall() {
    location.bind("bob", "a.test", 6001, 1000).bind("bob", "a.test", 6002, 1000);
    invite("bob@a.test", 70);
    SipRequest first = requestsTo(6001, "INVITE").get(0);
    SipRequest second = requestsTo(6002, "INVITE").get(0);
    answer(second, 180, 6002);
    answer(first, 200, 6001);
    SipRequest cancel = requestsTo(6002, "CANCEL").get(0);
    answer(cancel, 200, 6002);
    // The second phone answered as the CANCEL crossed; its 2xx goes upstream too (§16.7 step 5).
    answer(second, 200, 6002);
    // The context is done now; a retransmitted 2xx of the first still reaches the caller.
    answer(first, 200, 6001);
    assertThat(toCaller()).containsExactly(180, 200, 200, 200);
    List<SipResponse> oks =
        sent.stream()
            .filter(s -> s.to().equals(CALLER))
            .map(s -> (SipResponse) s.message())
            .filter(r -> r.status() == 200)
            .toList();
    assertThat(oks)
        .allSatisfy(
            r -> {
              assertThat(r.vias()).hasSize(1);
              assertThat(r.topVia().branch()).isEqualTo("z9hG4bK-c1");
            });
    assertThat(oks.get(2).to().tag()).isEqualTo("callee6001");
    assertThat(sink.calls()).isEmpty(); // answered, not yet ended
  }

  @Test
  void sixHundredCancelsTheOtherBranchesAndWins() {
    location.bind("bob", "a.test", 6001, 1000).bind("bob", "a.test", 6002, 1000);
    invite("bob@a.test", 70);
    SipRequest first = requestsTo(6001, "INVITE").get(0);
    SipRequest second = requestsTo(6002, "INVITE").get(0);
    answer(first, 180, 6001);
    answer(second, 603, 6002);
    SipRequest cancel = requestsTo(6001, "CANCEL").get(0);
    assertThat(cancel.header("Reason")).contains("cause=603");
    answer(first, 487, 6001);
    assertThat(toCaller()).containsExactly(180, 603);
  }

  @Test
  void lowerQRingsOnlyAfterTheHigherGroupFailedAnd503BecomesA500() {
    location.bind("bob", "a.test", 6001, 1000).bind("bob", "a.test", 6002, 500);
    invite("bob@a.test", 70);
    assertThat(requestsTo(6002, "INVITE")).isEmpty();
    answer(requestsTo(6001, "INVITE").get(0), 486, 6001);
    SipRequest second = requestsTo(6002, "INVITE").get(0);
    answer(second, 503, 6002);
    // 486 (class 4) beats the 503 (class 5) by the lowest-class rule.
    assertThat(toCaller()).containsExactly(486);
  }

  @Test
  void aLone503IsRelayedAs500() {
    location.bind("bob", "a.test", 6001, 1000);
    invite("bob@a.test", 70);
    answer(requestsTo(6001, "INVITE").get(0), 503, 6001);
    assertThat(toCaller()).containsExactly(500);
  }

  @Test
  void noAnswerAtAllEndsIn408() {
    location.bind("bob", "a.test", 6001, 1000);
    invite("bob@a.test", 70);
    clock.advance(Duration.ofSeconds(33)); // Timer B (32 s) on the branch.
    // The first 408 and Timer G's retransmissions of it, as the test caller never ACKs.
    assertThat(toCaller()).isNotEmpty().containsOnly(408);
  }

  @Test
  void threeHundredContactsJoinTheTargetSetOnce() {
    location.bind("bob", "a.test", 6001, 1000);
    invite("bob@a.test", 70);
    SipRequest fwd = requestsTo(6001, "INVITE").get(0);
    SipResponse moved = fwd.createResponse(302, null);
    moved.setTo(moved.to().withTag("m"));
    moved.addHeader("Contact", "<sip:bob@127.0.0.1:6003>, <sip:bob@127.0.0.1:6001>");
    layer.onMessage(moved, Endpoint.udp(new InetSocketAddress("127.0.0.1", 6001)));
    assertThat(requestsTo(6003, "INVITE")).hasSize(1);
    assertThat(requestsTo(6001, "INVITE")).hasSize(1);
    answer(requestsTo(6003, "INVITE").get(0), 200, 6003);
    assertThat(toCaller()).containsExactly(200);
  }

  @Test
  void qValuesAreWrittenShort() {
    assertThat(Proxy.q(1000)).isEqualTo("1");
    assertThat(Proxy.q(500)).isEqualTo("0.5");
    assertThat(Proxy.q(75)).isEqualTo("0.075");
  }
}
