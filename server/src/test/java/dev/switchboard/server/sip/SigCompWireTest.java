package dev.switchboard.server.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.registrar.RegistrarModule;
import dev.switchboard.server.usage.UsageSink;
import dev.switchboard.server.wire.SigCompPhone;
import dev.switchboard.server.wire.SipProbe;
import dev.switchboard.sip.auth.DigestClient;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.sigcomp.NackReason;
import dev.switchboard.sip.sigcomp.SigCompCounters;
import dev.switchboard.sip.sigcomp.SigCompEndpoint;
import dev.switchboard.sip.transport.TransportKind;
import dev.switchboard.store.Database;
import dev.switchboard.store.account.Account;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SigComp on the wire against a running Switchboard (registrar, edge, proxy, on H2): a phone that
 * compresses with our bytecode registers, calls a plain phone and hangs up; the server decompresses
 * every request, opens the phone's compartment only once digest authentication passed, and answers
 * compressed as the phone's {@code comp=sigcomp} Via asks (RFC 3486).
 */
class SigCompWireTest {
  private static final String PASSWORD = "secret-pw-1";
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String SDP =
      "v=0\no=1001 3284 1932 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n"
          + "m=audio 40000 RTP/AVP 0 8 101\na=rtpmap:0 PCMU/8000\na=rtpmap:8 PCMA/8000\n"
          + "a=rtpmap:101 telephone-event/8000\na=sendrecv\n";

  @TempDir Path dir;
  private TestDatabase testDb;
  private Database db;
  private RegistrarModule registrar;
  private SipService service;
  private InetSocketAddress server;
  private final DigestClient digest = new DigestClient(new Random(7));

  @BeforeEach
  void start() throws Exception {
    testDb = TestDatabases.h2(dir.resolve("db"));
    db = Database.open(testDb.settings());
    new TenantRepository(db.jdbi()).create(Tenant.create("a.test", "A"));
    AccountRepository accounts = new AccountRepository(db.jdbi());
    accounts.create("a.test", Account.create("1001", null), PASSWORD);
    accounts.create("a.test", Account.create("1002", null), PASSWORD);
    registrar =
        RegistrarModule.start(
            db.jdbi(),
            UsageSink.NONE,
            Clock.systemUTC(),
            RegistrarModule.Settings.DEFAULT,
            dir.resolve("location"));
    service =
        SipService.start(
            SipServiceConfig.listen("127.0.0.1", 0),
            SipServices.proxy(registrar.directory(), registrar.locations(), UsageSink.NONE)
                .withRegistrar(registrar.registrar()::onRegister)
                .withGate(registrar.gate()));
    server = service.address(TransportKind.UDP);
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    if (registrar != null) {
      registrar.close();
    }
    if (db != null) {
      db.close();
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  private SigCompEndpoint serverSigComp() {
    return service.transport().sigComp();
  }

  @ParameterizedTest(name = "dictionary {0}, dynamic state {1}")
  @CsvSource({"true,true", "true,false", "false,true", "false,false"})
  void registerCallAndHangUpCompressedBothWays(boolean dictionary, boolean keepState)
      throws Exception {
    try (SigCompPhone phone = new SigCompPhone(server, dictionary, keepState);
        SipProbe bob = new SipProbe(server)) {
      assertThat(bob.register("1002", PASSWORD, "a.test", contact("1002", bob.port(), false), 300))
          .extracting(SipResponse::status)
          .isEqualTo(200);

      // REGISTER: compressed, challenged in plain text, since nobody authenticated yet.
      String regCall = "reg-" + SipProbe.token();
      SipRequest register = register(phone, regCall, 1);
      phone.send(register);
      SigCompPhone.Received challenge = phone.response(regCall, 1, WAIT);
      assertThat(challenge).isNotNull();
      assertThat(((SipResponse) challenge.message()).status()).isEqualTo(401);
      assertThat(challenge.compressed()).isFalse();
      assertThat(serverSigComp().compartmentCount()).isZero();

      SipRequest authorized = register(phone, regCall, 2);
      digest.authorize(authorized, (SipResponse) challenge.message(), "1001", PASSWORD);
      phone.send(authorized);
      SigCompPhone.Received ok = phone.response(regCall, 2, WAIT);
      assertThat(((SipResponse) ok.message()).status()).isEqualTo(200);
      assertThat(ok.compressed()).as("200 OK to the authenticated REGISTER").isTrue();
      assertThat(serverSigComp().compartmentCount()).isEqualTo(1);

      // INVITE with SDP through the proxy to the plain phone; the 407 already goes compressed.
      String callId = "call-" + SipProbe.token();
      SipRequest invite = invite(phone, callId, 1);
      phone.send(invite);
      SigCompPhone.Received proxyAuth = phone.response(callId, 1, WAIT);
      assertThat(((SipResponse) proxyAuth.message()).status()).isEqualTo(407);
      assertThat(proxyAuth.compressed()).isTrue();
      phone.send(ack(phone, invite, (SipResponse) proxyAuth.message(), null));
      // One at a time: two datagrams sent back to back may be taken by two reader threads in
      // either order, and the server would then compress against the older shared state.
      awaitDecompressed(phone.sent().size());

      SipRequest invite2 = invite(phone, callId, 2);
      digest.authorize(invite2, (SipResponse) proxyAuth.message(), "1001", PASSWORD);
      phone.send(invite2);
      SipRequest atBob = bob.awaitRequest("INVITE", callId, WAIT);
      assertThat(atBob).isNotNull();
      assertThat(new String(atBob.body(), StandardCharsets.UTF_8)).contains("m=audio 40000");
      SipResponse ringing = atBob.createResponse(180, null);
      ringing.setTo(ringing.to().withTag("bob-tag"));
      ringing.setHeader("Contact", contact("1002", bob.port(), false));
      // RFC 3261 §12.1.1: the UAS copies the Record-Route the proxy added.
      ringing.setHeader("Record-Route", atBob.header("Record-Route"));
      bob.send(ringing);
      // One at a time: the server's reader threads may pass on two datagrams in either order.
      SigCompPhone.Received r180 = phone.response(callId, 2, WAIT);
      assertThat(r180).as("180, phone failures %s", phone.failures()).isNotNull();
      assertThat(((SipResponse) r180.message()).status()).isEqualTo(180);
      assertThat(r180.compressed()).isTrue();
      SipResponse answer = atBob.createResponse(200, null);
      answer.setTo(answer.to().withTag("bob-tag"));
      answer.setHeader("Contact", contact("1002", bob.port(), false));
      answer.setHeader("Record-Route", atBob.header("Record-Route"));
      answer.setBody(
          SDP.replace("1001", "1002").replace("40000", "40002").getBytes(StandardCharsets.UTF_8),
          "application/sdp");
      bob.send(answer);
      SigCompPhone.Received r200 = phone.response(callId, 2, WAIT);
      SipResponse answered = (SipResponse) r200.message();
      assertThat(answered.status()).isEqualTo(200);
      assertThat(r200.compressed()).isTrue();
      assertThat(new String(answered.body(), StandardCharsets.UTF_8)).contains("m=audio 40002");

      phone.send(ack(phone, invite2, answered, answered));
      assertThat(bob.awaitRequest("ACK", callId, WAIT)).isNotNull();

      // BYE from the caller, answered by the plain phone, relayed compressed.
      SipRequest bye = bye(phone, answered, callId, 3);
      SigCompPhone.Sent byeSent = phone.send(bye);
      SipRequest byeAtBob = bob.awaitRequest("BYE", callId, WAIT);
      assertThat(byeAtBob).isNotNull();
      bob.send(byeAtBob.createResponse(200, null));
      SigCompPhone.Received byeOk = phone.response(callId, 3, WAIT);
      assertThat(((SipResponse) byeOk.message()).status()).isEqualTo(200);
      assertThat(byeOk.compressed()).isTrue();

      assertThat(phone.failures()).isEmpty();
      SigCompCounters counters = serverSigComp().counters();
      assertThat(counters.messagesDecompressed()).isEqualTo(phone.sent().size());
      assertThat(counters.decompressionFailures()).isZero();
      assertThat(counters.messagesCompressed()).isGreaterThanOrEqualTo(5);
      if (keepState) {
        // The BYE names a state the server acknowledged: no bytecode, a fraction of the text.
        assertThat(byeSent.uploadedBytecode()).isFalse();
        assertThat(byeSent.wireBytes()).isLessThan(byeSent.plainBytes() / 2);
        assertThat(counters.bytecodeUploads()).isLessThan(counters.messagesCompressed());
      } else {
        // Nothing acknowledged either way: every message carries the bytecode.
        assertThat(phone.sent()).allMatch(SigCompPhone.Sent::uploadedBytecode);
        assertThat(counters.bytecodeUploads()).isEqualTo(counters.messagesCompressed());
      }
    }
  }

  @Test
  void aLoopingMessageIsDroppedCountedAndNackedAndTheServerStaysUp() throws Exception {
    try (SigCompPhone phone = new SigCompPhone(server, true, true);
        SipProbe probe = new SipProbe(server)) {
      // RFC 4465 A.2.2: bytecode that copies and outputs forever.
      phone.sendRaw(
          HexFormat.of().parseHex("f801a10f86042029002212a04402601402a0642322a0440206220116ef"));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (phone.nacks().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(phone.nacks()).hasSize(1);
      assertThat(phone.nacks().get(0).reason()).isEqualTo(NackReason.CYCLES_EXHAUSTED);
      SigCompCounters counters = serverSigComp().counters();
      assertThat(counters.failures(NackReason.CYCLES_EXHAUSTED)).isEqualTo(1);
      assertThat(counters.snapshot()).containsEntry("sigcomp_cycles_exhausted", 1L);
      assertThat(serverSigComp().compartmentCount()).isZero();

      // Still serving: plain and compressed requests alike.
      String callId = "opt-" + SipProbe.token();
      probe.send(
          probe.request(
              "OPTIONS",
              "sip:127.0.0.1:" + server.getPort(),
              "<sip:probe@a.test>;tag=p1",
              "<sip:127.0.0.1:" + server.getPort() + ">",
              callId,
              1));
      assertThat(probe.response(callId, 1, WAIT)).extracting(SipResponse::status).isEqualTo(200);
      String regCall = "reg-" + SipProbe.token();
      phone.send(register(phone, regCall, 1));
      assertThat(phone.response(regCall, 1, WAIT)).isNotNull();
    }
  }

  private void awaitDecompressed(long messages) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (serverSigComp().counters().messagesDecompressed() < messages
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(serverSigComp().counters().messagesDecompressed()).isEqualTo(messages);
  }

  private static String contact(String user, int port, boolean sigComp) {
    return "<sip:" + user + "@127.0.0.1:" + port + (sigComp ? ";comp=sigcomp" : "") + ">";
  }

  private static String via(SigCompPhone phone) {
    return "Via: SIP/2.0/UDP 127.0.0.1:"
        + phone.port()
        + ";branch=z9hG4bK"
        + SipProbe.token()
        + ";rport;comp=sigcomp\n";
  }

  private static SipRequest register(SigCompPhone phone, String callId, long cseq) {
    return SipProbe.parseRequest(
        "REGISTER sip:a.test SIP/2.0\n"
            + via(phone)
            + "Max-Forwards: 70\n"
            + "From: <sip:1001@a.test>;tag=r"
            + callId.hashCode()
            + "\nTo: <sip:1001@a.test>\n"
            + "Call-ID: "
            + callId
            + "\nCSeq: "
            + cseq
            + " REGISTER\n"
            + "Contact: "
            + contact("1001", phone.port(), true)
            + "\nExpires: 300\nUser-Agent: SigCompPhone\n\n");
  }

  private static SipRequest invite(SigCompPhone phone, String callId, long cseq) {
    return SipProbe.parseRequest(
        "INVITE sip:1002@a.test SIP/2.0\n"
            + via(phone)
            + "Max-Forwards: 70\n"
            + "From: <sip:1001@a.test>;tag=alice-tag\n"
            + "To: <sip:1002@a.test>\n"
            + "Call-ID: "
            + callId
            + "\nCSeq: "
            + cseq
            + " INVITE\n"
            + "Contact: "
            + contact("1001", phone.port(), true)
            + "\nContent-Type: application/sdp\n\n"
            + SDP);
  }

  /**
   * The ACK for {@code invite}: to a non-2xx hop by hop with the INVITE's branch (RFC 3261
   * §17.1.1.3), to a 2xx end to end along the dialog's route (§13.2.2.4).
   */
  private static SipRequest ack(
      SigCompPhone phone, SipRequest invite, SipResponse response, SipResponse dialog) {
    if (dialog == null) {
      return SipProbe.parseRequest(
          "ACK "
              + invite.requestUri()
              + " SIP/2.0\nVia: "
              + invite.topVia()
              + "\nMax-Forwards: 70\nFrom: "
              + invite.header("From")
              + "\nTo: "
              + response.header("To")
              + "\nCall-ID: "
              + invite.callId()
              + "\nCSeq: "
              + invite.cseq().number()
              + " ACK\n\n");
    }
    return inDialog(phone, "ACK", dialog, invite.callId(), invite.cseq().number());
  }

  private static SipRequest bye(SigCompPhone phone, SipResponse dialog, String callId, long cseq) {
    return inDialog(phone, "BYE", dialog, callId, cseq);
  }

  private static SipRequest inDialog(
      SigCompPhone phone, String method, SipResponse dialog, String callId, long cseq) {
    StringBuilder routes = new StringBuilder();
    for (var rr : dialog.recordRoutes()) {
      routes.append("Route: ").append(rr).append('\n');
    }
    return SipProbe.parseRequest(
        method
            + " "
            + dialog.contacts().get(0).uri()
            + " SIP/2.0\n"
            + via(phone)
            + routes
            + "Max-Forwards: 70\nFrom: <sip:1001@a.test>;tag=alice-tag\nTo: "
            + dialog.header("To")
            + "\nCall-ID: "
            + callId
            + "\nCSeq: "
            + cseq
            + " "
            + method
            + "\n\n");
  }
}
