package dev.switchboard.sip.sigcomp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.util.List;

/**
 * Fuzz target for the decompressor: the input is one SigComp message as a stranger sends it over
 * UDP, and again cut into records on a stream (seeds: every message of the RFC 4465 torture tests).
 * Whatever the bytecode does, {@link SigCompEndpoint#decompress} returns a decompressed message, a
 * failure with its RFC 4077 NACK, or a NACK received — it never throws — within the cycles the
 * message earned (RFC 3320 §8.6) and the output bound; committing what decompressed keeps every
 * compartment within its state memory.
 */
class UdvmFuzzTest {
  private static final InetAddress SOURCE = InetAddress.getLoopbackAddress();
  private static final SigCompConfig CONFIG = SigCompConfig.defaults().withBounds(4, 4, 64 * 1024);
  private static final SigCompEndpoint ENDPOINT = new SigCompEndpoint(CONFIG);
  private static final CompartmentId COMPARTMENT = CompartmentId.ofHost("192.0.2.1", 5060);

  @FuzzTest(maxDuration = "15s")
  void decompress(byte[] input) throws Exception {
    datagram(input);
    stream(input);
  }

  private static void datagram(byte[] input) {
    Decompression d = ENDPOINT.decompress(input, SOURCE, false);
    checked(d, input.length);
  }

  /** The same bytes as a record-marked stream: each record that comes out is one message. */
  private static void stream(byte[] input) {
    RecordDeframer deframer = ENDPOINT.newStreamDeframer();
    List<byte[]> records;
    try {
      records = deframer.feed(input, 0, input.length);
    } catch (DecompressionFailure e) {
      assertThat(e.reason()).isEqualTo(NackReason.FRAMING_ERROR);
      return;
    }
    for (byte[] r : records) {
      checked(ENDPOINT.decompress(r, SOURCE, true), r.length);
    }
  }

  private static void checked(Decompression d, int length) {
    SigCompParameters local = CONFIG.local();
    long earned = (8L * length + 1000) * local.cyclesPerBit();
    if (d instanceof DecompressedMessage m) {
      assertThat(m.cyclesUsed()).isLessThanOrEqualTo(earned);
      assertThat(m.message().length).isLessThanOrEqualTo(65_536);
      m.commit(COMPARTMENT);
      for (StateItem s : ENDPOINT.statesOf(COMPARTMENT)) {
        assertThat(s.value().length).isLessThanOrEqualTo(local.stateMemorySize());
      }
      assertThat(ENDPOINT.stateMemoryUsed()).isLessThanOrEqualTo(CONFIG.maxStateMemory());
    } else if (d instanceof Decompression.Failed f) {
      assertThat(f.failure().reason()).isNotNull();
      if (f.nack() != null) {
        // Our NACK is itself a well-formed SigComp message (RFC 4077 §3.1).
        assertThat(SigCompFraming.isSigComp(f.nack())).isTrue();
      }
    } else {
      assertThat(d).isInstanceOf(Decompression.NackReceived.class);
    }
  }
}
