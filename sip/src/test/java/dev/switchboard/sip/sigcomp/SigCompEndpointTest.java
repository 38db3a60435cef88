package dev.switchboard.sip.sigcomp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our compressor and decompressor against each other, as a phone and the server would run them:
 * every message of a call comes out as it went in (and parses as SIP), state is used once the peer
 * acknowledged it, and hostile or broken input fails cleanly without harming the compartment.
 */
class SigCompEndpointTest {
  static final CompartmentId SERVER =
      CompartmentId.ofUrn("urn:uuid:0c67446e-f1a1-11d9-94d3-000a95a0e128");
  static final CompartmentId PHONE =
      CompartmentId.ofUrn("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
  static final InetAddress PHONE_ADDRESS = address("192.0.2.10");
  static final InetAddress SERVER_ADDRESS = address("192.0.2.1");

  /** A phone and the server, each with its SigComp endpoint; messages cross between them. */
  static final class Link {
    final SigCompEndpoint phone;
    final SigCompEndpoint server;
    final boolean stream;
    final List<Sent> log = new ArrayList<>();

    record Sent(
        String name,
        boolean fromUa,
        int plain,
        int compressed,
        boolean uploadedBytecode,
        byte[] wire) {}

    Link(SigCompConfig phoneConfig, SigCompConfig serverConfig, boolean stream) {
      this.phone = new SigCompEndpoint(phoneConfig);
      this.server = new SigCompEndpoint(serverConfig);
      this.stream = stream;
    }

    static Link standard() {
      return new Link(phoneConfig(), SigCompConfig.defaults(), false);
    }

    /** Sends a message across; the receiver authenticates it and commits its compartment. */
    Sent send(CallFlow.Message m) throws Exception {
      SigCompEndpoint from = m.fromPhone() ? phone : server;
      SigCompEndpoint to = m.fromPhone() ? server : phone;
      Compression c = from.compress(m.bytes(), m.fromPhone() ? SERVER : PHONE, stream);
      assertThat(c).as(m.name()).isInstanceOf(Compression.Compressed.class);
      Compression.Compressed cc = (Compression.Compressed) c;
      byte[] wire = cc.message();
      assertThat(SigCompFraming.isSigComp(wire)).isTrue();
      byte[] received = wire;
      if (stream) {
        List<byte[]> records =
            to.newStreamDeframer()
                .feed(RecordMarking.encode(wire), 0, RecordMarking.encode(wire).length);
        assertThat(records).hasSize(1);
        received = records.get(0);
      }
      Decompression d =
          to.decompress(received, m.fromPhone() ? PHONE_ADDRESS : SERVER_ADDRESS, stream);
      assertThat(d).as(m.name() + ": " + d).isInstanceOf(DecompressedMessage.class);
      DecompressedMessage dm = (DecompressedMessage) d;
      assertThat(dm.message()).as(m.name()).isEqualTo(m.bytes());
      SipMessage sip = new MessageParser().parseDatagram(dm.message());
      if (sip instanceof SipRequest r) {
        r.validate();
      } else {
        ((SipResponse) sip).validate();
      }
      dm.commit(m.fromPhone() ? PHONE : SERVER);
      Sent s =
          new Sent(
              m.name(), m.fromPhone(), m.bytes().length, wire.length, cc.uploadedBytecode(), wire);
      log.add(s);
      return s;
    }

    void sendAll(String... names) throws Exception {
      for (String n : names) {
        send(CallFlow.get(n));
      }
    }
  }

  static SigCompConfig phoneConfig() {
    return SigCompConfig.defaults().withLocal(SigCompParameters.SIP_MINIMUM);
  }

  @Test
  void everyMessageOfACallComesOutAsItWentIn() throws Exception {
    Link link = Link.standard();
    for (CallFlow.Message m : CallFlow.MESSAGES) {
      link.send(m);
    }
    assertThat(link.log).hasSize(CallFlow.MESSAGES.size());
    assertThat(link.server.counters().decompressionFailures()).isZero();
    assertThat(link.phone.counters().decompressionFailures()).isZero();
  }

  @Test
  void theFirstMessageUploadsTheBytecodeAndLaterOnesNameAnAcknowledgedState() throws Exception {
    Link link = Link.standard();
    Link.Sent register = link.send(CallFlow.get("register"));
    assertThat(register.uploadedBytecode()).isTrue();
    link.send(CallFlow.get("register-ok"));
    assertThat(link.phone.acknowledgedStates(SERVER)).isEqualTo(1);
    // The 200 OK announced the server's 8 KB of state memory, four times what the phone assumed:
    // the phone uploads its code once more, laid out for the larger ring.
    assertThat(link.send(CallFlow.get("reregister")).uploadedBytecode()).isTrue();
    link.send(CallFlow.get("reregister-ok"));

    Link.Sent refresh = link.send(refresh(3));
    assertThat(refresh.uploadedBytecode()).isFalse();
    // Nearly all of the refresh is in the ring already: only the branch and CSeq are new.
    assertThat(refresh.compressed()).isLessThan(refresh.plain() / 10);
    assertThat(link.server.statesOf(PHONE)).isNotEmpty();
  }

  /** The phone's REGISTER refresh number {@code cseq}: a new branch and CSeq, nothing else. */
  static CallFlow.Message refresh(int cseq) {
    String text =
        CallFlow.get("reregister")
            .text()
            .replace("CSeq: 2 ", "CSeq: " + cseq + " ")
            .replace("c31b77f0a2e94d15", "c31b77f0a2e94d" + (10 + cseq));
    return new CallFlow.Message(
        "refresh-" + cseq, true, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void stateIsNotNamedBeforeThePeerAcknowledgedIt() throws Exception {
    Link link = Link.standard();
    link.send(CallFlow.get("register"));
    // No answer yet, so no acknowledgement: the INVITE uploads the code again.
    Link.Sent invite = link.send(CallFlow.get("invite"));
    assertThat(invite.uploadedBytecode()).isTrue();
    assertThat(link.phone.acknowledgedStates(SERVER)).isZero();
  }

  @Test
  void aCallOverAStreamIsRecordMarked() throws Exception {
    Link link = new Link(phoneConfig(), SigCompConfig.defaults(), true);
    for (CallFlow.Message m : CallFlow.MESSAGES) {
      link.send(m);
    }
    assertThat(link.log.get(link.log.size() - 1).uploadedBytecode()).isFalse();
  }

  @Test
  void aResponseUsesTheRequestThePhoneShared() throws Exception {
    // A phone that offers 8 KB of state memory has room to share what it sends.
    SigCompConfig roomyPhone =
        SigCompConfig.defaults().withLocal(new SigCompParameters(16, 8192, 8192, 2));
    Link shared = new Link(roomyPhone, SigCompConfig.defaults(), false);
    shared.send(CallFlow.get("invite"));
    Link.Sent withShared = shared.send(CallFlow.get("trying"));
    Link plain =
        new Link(
            roomyPhone.withSharedCompression(false),
            SigCompConfig.defaults().withSharedCompression(false),
            false);
    plain.send(CallFlow.get("invite"));
    Link.Sent without = plain.send(CallFlow.get("trying"));
    // The 100 Trying repeats the INVITE's Via, To, From, Call-ID and CSeq (RFC 3321 §5.2).
    assertThat(withShared.compressed()).isLessThan(without.compressed() - 100);
  }

  @Test
  void aMessageThatRunsOutOfCyclesFailsAndTheCompartmentStaysUsable() throws Exception {
    Link link = Link.standard();
    link.sendAll("register", "register-ok", "reregister", "reregister-ok");
    int states = link.server.statesOf(PHONE).size();
    // RFC 4465 A.2.2: a loop that copies and outputs forever.
    byte[] loop =
        HexFormat.of().parseHex("f801a10f86042029002212a04402601402a0642322a0440206220116ef");
    Decompression d = link.server.decompress(loop, PHONE_ADDRESS, false);

    assertThat(d).isInstanceOf(Decompression.Failed.class);
    Decompression.Failed f = (Decompression.Failed) d;
    assertThat(f.failure().reason()).isEqualTo(NackReason.CYCLES_EXHAUSTED);
    assertThat(f.failure().details()).containsExactly(16);
    assertThat(link.server.counters().failures(NackReason.CYCLES_EXHAUSTED)).isEqualTo(1);
    assertThat(f.nack()).isNotNull();
    assertThat(link.server.statesOf(PHONE)).hasSize(states);
    // The compartment goes on: the next message names the state the loop could not touch.
    Link.Sent next = link.send(refresh(3));
    assertThat(next.uploadedBytecode()).isFalse();
  }

  @Test
  void withoutTheDictionaryTheCodeLeavesItOutAndStillRoundTrips() throws Exception {
    byte[] register = CallFlow.get("register").bytes();
    byte[] with =
        ((Compression.Compressed)
                new SigCompEndpoint(phoneConfig()).compress(register, SERVER, false))
            .message();
    byte[] without =
        ((Compression.Compressed)
                new SigCompEndpoint(phoneConfig().withDictionary(false))
                    .compress(register, SERVER, false))
            .message();
    // The dictionary's partial identifier (fbe507dfe5e6) travels only in the code that loads it.
    String dictionaryId = "fbe507dfe5e6";
    assertThat(HexFormat.of().formatHex(with)).contains(dictionaryId);
    assertThat(HexFormat.of().formatHex(without)).doesNotContain(dictionaryId);
    assertThat(without.length).isGreaterThan(with.length);
    Decompression d =
        new SigCompEndpoint(SigCompConfig.defaults()).decompress(without, PHONE_ADDRESS, false);
    assertThat(((DecompressedMessage) d).message()).isEqualTo(register);
  }

  @Test
  void aMessageTheApplicationDoesNotVouchForSavesNothing() throws Exception {
    SigCompEndpoint phone = new SigCompEndpoint(phoneConfig());
    SigCompEndpoint server = new SigCompEndpoint(SigCompConfig.defaults());
    byte[] wire =
        ((Compression.Compressed) phone.compress(CallFlow.get("register").bytes(), SERVER, false))
            .message();
    Decompression d = server.decompress(wire, PHONE_ADDRESS, false);
    assertThat(d).isInstanceOf(DecompressedMessage.class);
    // Not authenticated, so never committed: no compartment, no state (RFC 3320 §4.3).
    assertThat(server.compartmentCount()).isZero();
    assertThat(server.stateMemoryUsed()).isZero();
  }

  @Test
  void aNackMakesTheCompressorStartOverWithUploadedBytecode() throws Exception {
    Link link = Link.standard();
    link.sendAll("register", "register-ok");
    // The server restarts and loses every state; the phone still names the one it acknowledged.
    SigCompEndpoint restarted = new SigCompEndpoint(SigCompConfig.defaults());
    byte[] wire =
        ((Compression.Compressed)
                link.phone.compress(CallFlow.get("reregister").bytes(), SERVER, false))
            .message();
    Decompression d = restarted.decompress(wire, PHONE_ADDRESS, false);
    assertThat(d).isInstanceOf(Decompression.Failed.class);
    Decompression.Failed f = (Decompression.Failed) d;
    assertThat(f.failure().reason()).isEqualTo(NackReason.STATE_NOT_FOUND);

    Decompression nack = link.phone.decompress(f.nack(), SERVER_ADDRESS, false);
    assertThat(nack).isInstanceOf(Decompression.NackReceived.class);
    Decompression.NackReceived n = (Decompression.NackReceived) nack;
    assertThat(n.compartment()).isEqualTo(SERVER);
    assertThat(n.nack().reason()).isEqualTo(NackReason.STATE_NOT_FOUND);
    assertThat(link.phone.counters().nacksReceived()).isEqualTo(1);

    Compression.Compressed again =
        (Compression.Compressed)
            link.phone.compress(CallFlow.get("reregister").bytes(), SERVER, false);
    assertThat(again.uploadedBytecode()).isTrue();
    DecompressedMessage ok =
        (DecompressedMessage) restarted.decompress(again.message(), PHONE_ADDRESS, false);
    assertThat(ok.message()).isEqualTo(CallFlow.get("reregister").bytes());
  }

  @Test
  void theFeedbackOfRfc4465A31ComesBackInOurNextMessage() throws Exception {
    SigCompEndpoint server = new SigCompEndpoint(SigCompConfig.defaults());
    byte[] a31 =
        HexFormat.of()
            .parseHex(
                "f805031c01a041a055176001070ea04f0ea042a47f160e0ea042a4ff15a044a07f01010ea0c3a801"
                    + "0ea0c5a6000ea0ccac000ea0d9b4000ea0eeb50015a0c606000115a0cd0c000115a0da140001"
                    + "23a042a0c3");
    for (int input = 0; input <= 1; input++) {
      byte[] message = java.util.Arrays.copyOf(a31, a31.length + 1);
      message[a31.length] = (byte) input;
      ((DecompressedMessage) server.decompress(message, PHONE_ADDRESS, false)).commit(PHONE);
      byte[] reply =
          ((Compression.Compressed) server.compress(CallFlow.get("trying").bytes(), PHONE, false))
              .message();
      // 0xfn7f for the short item, 0xfnff 0102 … 7f for the long one (RFC 4465 §4.1).
      assertThat(reply[0] & 0xFC).isEqualTo(0xFC);
      if (input == 0) {
        assertThat(reply[1] & 0xFF).isEqualTo(0x7F);
      } else {
        assertThat(reply[1] & 0xFF).isEqualTo(0xFF);
        for (int i = 1; i <= 127; i++) {
          assertThat(reply[1 + i] & 0xFF).isEqualTo(i);
        }
      }
      // The peer announced a state memory of 0: nothing may be saved there.
      assertThat(server.peerParameters(PHONE).stateMemorySize()).isZero();
      SigCompEndpoint peer =
          new SigCompEndpoint(
              SigCompConfig.defaults().withLocal(new SigCompParameters(16, 2048, 0, 1)));
      DecompressedMessage back =
          (DecompressedMessage) peer.decompress(reply, SERVER_ADDRESS, false);
      back.commit(SERVER);
      assertThat(back.message()).isEqualTo(CallFlow.get("trying").bytes());
    }
  }

  @Test
  void aSourceAddressHoldsAtMostItsShareOfCompartments() throws Exception {
    SigCompConfig config = SigCompConfig.defaults().withBounds(100, 3, 1 << 20);
    SigCompEndpoint server = new SigCompEndpoint(config);
    for (int i = 0; i < 5; i++) {
      SigCompEndpoint phone = new SigCompEndpoint(phoneConfig());
      byte[] wire =
          ((Compression.Compressed) phone.compress(CallFlow.get("register").bytes(), SERVER, false))
              .message();
      ((DecompressedMessage) server.decompress(wire, PHONE_ADDRESS, false))
          .commit(new CompartmentId("phone-" + i));
    }
    assertThat(server.stateHandler().compartmentsOf(PHONE_ADDRESS)).isEqualTo(3);
    assertThat(server.compartmentCount()).isEqualTo(3);
    assertThat(server.counters().compartmentsEvicted()).isEqualTo(2);

    // A compartment opened for sending has no source yet; when the phone's first message lands in
    // it, the source's oldest compartment makes room.
    CompartmentId late = new CompartmentId("phone-late");
    server.compress(CallFlow.get("trying").bytes(), late, false);
    assertThat(server.compartmentCount()).isEqualTo(4);
    SigCompEndpoint phone = new SigCompEndpoint(phoneConfig());
    byte[] wire =
        ((Compression.Compressed) phone.compress(CallFlow.get("register").bytes(), SERVER, false))
            .message();
    ((DecompressedMessage) server.decompress(wire, PHONE_ADDRESS, false)).commit(late);
    assertThat(server.stateHandler().compartmentsOf(PHONE_ADDRESS)).isEqualTo(3);
    assertThat(server.compartmentCount()).isEqualTo(3);
    assertThat(server.statesOf(late)).isNotEmpty();
  }

  @Test
  void compartmentsAndStateMemoryStayWithinTheirBounds() throws Exception {
    SigCompConfig config = SigCompConfig.defaults().withBounds(4, 100, 3 * 4096);
    SigCompEndpoint server = new SigCompEndpoint(config);
    for (int i = 0; i < 10; i++) {
      SigCompEndpoint phone = new SigCompEndpoint(phoneConfig());
      byte[] wire =
          ((Compression.Compressed) phone.compress(CallFlow.get("register").bytes(), SERVER, false))
              .message();
      ((DecompressedMessage) server.decompress(wire, address("192.0.2." + (20 + i)), false))
          .commit(new CompartmentId("phone-" + i));
      assertThat(server.compartmentCount()).isLessThanOrEqualTo(4);
      assertThat(server.stateMemoryUsed()).isLessThanOrEqualTo(3 * 4096);
    }
    assertThat(server.counters().compartmentsEvicted()).isGreaterThanOrEqualTo(6);
  }

  @Test
  void anUnknownCompartmentCanBeClosedAndAKnownOneIsGoneAfterClosing() throws Exception {
    Link link = Link.standard();
    link.sendAll("register", "register-ok");
    assertThat(link.server.closeCompartment(new CompartmentId("nobody"))).isFalse();
    assertThat(link.server.closeCompartment(PHONE)).isTrue();
    assertThat(link.server.statesOf(PHONE)).isEmpty();
    assertThat(link.server.stateMemoryUsed()).isZero();
  }

  @Test
  void countersNameEveryLimit() throws Exception {
    Link link = Link.standard();
    link.sendAll("register", "register-ok", "reregister");
    assertThat(link.server.counters().snapshot())
        .containsKeys(
            "sigcomp_messages_decompressed",
            "sigcomp_decompression_failures",
            "sigcomp_states_created",
            "sigcomp_states_evicted",
            "sigcomp_compartments_evicted",
            "sigcomp_nacks_sent")
        .containsEntry("sigcomp_messages_decompressed", 2L);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
