package dev.switchboard.sip.sigcomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile bytecode under tight limits (2 KB decompression memory, 16 cycles per bit): whatever a
 * message holds, the UDVM ends with a result or a {@link DecompressionFailure} — never another
 * exception — and never spends more cycles than the message earned (RFC 3320 §8.6). The random
 * programs are built from real instructions with operands aimed at the edges (addresses at the
 * memory's end, 0, 65535, counts in the thousands), as well as plain random bytes.
 */
class UdvmProperties {
  private static final SigCompParameters TIGHT = new SigCompParameters(16, 2048, 2048, 2);

  private final StateHandler states = handler();

  @Property(tries = 2000)
  void instructionSoupEndsInAResultOrATypedFailure(
      @ForAll("programs") byte[] code,
      @ForAll("inputs") byte[] input,
      @ForAll @IntRange(min = 1, max = 15) int destination) {
    runAndCheck(message(code, destination, input), false);
  }

  @Property(tries = 1000)
  void randomBytesEndInAResultOrATypedFailure(@ForAll("randomMessages") byte[] message) {
    runAndCheck(message, false);
    runAndCheck(message, true);
  }

  @Property(tries = 500)
  void theEndpointAnswersAnyDatagramWithoutThrowing(@ForAll("randomMessages") byte[] message) {
    SigCompEndpoint endpoint = UdvmAssemblerTest.tortureEndpoint();
    Decompression d = endpoint.decompress(message, InetAddress.getLoopbackAddress(), false);
    if (d instanceof Decompression.Failed f) {
      assertThat(f.failure().reason()).isNotEqualTo(NackReason.INTERNAL_ERROR);
      assertThat(endpoint.counters().decompressionFailures()).isEqualTo(1);
    }
  }

  @Property(tries = 150)
  void anyMessageComesBackFromOurCompressor(@ForAll("payloads") byte[] payload) {
    SigCompEndpoint a = new SigCompEndpoint(SigCompConfig.defaults());
    SigCompEndpoint b = new SigCompEndpoint(SigCompConfig.defaults());
    CompartmentId toB = new CompartmentId("b");
    CompartmentId toA = new CompartmentId("a");
    for (int round = 0; round < 3; round++) {
      byte[] m = Arrays.copyOfRange(payload, round, payload.length);
      Compression c = a.compress(m, toB, false);
      if (c instanceof Compression.Uncompressed) {
        continue;
      }
      Decompression d =
          b.decompress(
              ((Compression.Compressed) c).message(), InetAddress.getLoopbackAddress(), false);
      assertThat(d).isInstanceOf(DecompressedMessage.class);
      assertThat(((DecompressedMessage) d).message()).isEqualTo(m);
      ((DecompressedMessage) d).commit(toA);
      Compression back = b.compress(m, toA, false);
      if (back instanceof Compression.Compressed bc) {
        DecompressedMessage r =
            (DecompressedMessage)
                a.decompress(bc.message(), InetAddress.getLoopbackAddress(), false);
        assertThat(r.message()).isEqualTo(m);
        r.commit(toB);
      }
    }
  }

  private void runAndCheck(byte[] message, boolean stream) {
    Decompressor d = new Decompressor(TIGHT, states);
    long earned = (1000L + 8L * message.length) * TIGHT.cyclesPerBit();
    try {
      SigCompMessage m = SigCompMessage.parse(message, 0, message.length);
      if (m.isNack()) {
        Nack.decode(m);
        return;
      }
      UdvmResult r = d.decompress(m, stream);
      Statistics.label("outcome").collect("END-MESSAGE");
      assertThat(r.cyclesUsed()).isLessThanOrEqualTo(earned);
      assertThat(r.output().length).isLessThanOrEqualTo(Udvm.MAX_OUTPUT);
      assertThat(r.stateRequests().stream().filter(x -> x instanceof StateRequest.Create).count())
          .isLessThanOrEqualTo(4);
      // What the state handler is given must be safe to apply, too.
      Compartment c = states.open(new CompartmentId("fuzz"), InetAddress.getLoopbackAddress());
      states.apply(c, r.stateRequests());
      assertThat(c.used).isLessThanOrEqualTo(c.stateMemorySize);
    } catch (DecompressionFailure expected) {
      Statistics.label("outcome").collect(expected.reason());
      assertThat(expected.reason()).isNotNull();
    }
  }

  private static StateHandler handler() {
    StateHandler h =
        new StateHandler(
            new StateHandler.Limits(2048, 4, 4, 1 << 16),
            new SigCompCounters(),
            SigCompParameters.SIP_MINIMUM,
            id -> new PeerCompressor());
    h.addLocalState(SipSdpDictionary.state());
    return h;
  }

  private static byte[] message(byte[] code, int destination, byte[] input) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xF8);
    out.write(code.length >> 4);
    out.write((code.length & 0x0F) << 4 | destination);
    out.write(code, 0, code.length);
    out.write(input, 0, input.length);
    return out.toByteArray();
  }

  @Provide
  Arbitrary<byte[]> randomMessages() {
    Arbitrary<byte[]> header =
        Arbitraries.of(
            new byte[] {(byte) 0xF8},
            new byte[] {(byte) 0xF9},
            new byte[] {(byte) 0xFC},
            new byte[] {(byte) 0xFB},
            new byte[] {(byte) 0xF8, 0x00});
    Arbitrary<byte[]> rest = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    return Combinators.combine(header, rest)
        .as(
            (h, r) -> {
              byte[] m = Arrays.copyOf(h, h.length + r.length);
              System.arraycopy(r, 0, m, h.length, r.length);
              return m;
            });
  }

  @Provide
  Arbitrary<byte[]> inputs() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
  }

  @Provide
  Arbitrary<byte[]> payloads() {
    Arbitrary<byte[]> text =
        Arbitraries.strings()
            .withChars("SIP/2.0 INVITE sip:alice@example.com;tag=\r\nVia: ")
            .ofMinLength(3)
            .ofMaxLength(1500)
            .map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Arbitrary<byte[]> binary = Arbitraries.bytes().array(byte[].class).ofMinSize(3).ofMaxSize(2000);
    return Arbitraries.oneOf(text, binary);
  }

  /** Programs of real instructions with edge-seeking operands, sometimes a stray byte. */
  @Provide
  Arbitrary<byte[]> programs() {
    return instruction().list().ofMinSize(1).ofMaxSize(40).map(UdvmProperties::concat);
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }

  private Arbitrary<byte[]> instruction() {
    Arbitrary<Integer> opcode =
        Arbitraries.frequencyOf(
            Tuple.of(95, Arbitraries.integers().between(1, 35)),
            Tuple.of(5, Arbitraries.integers().between(0, 255)));
    Arbitrary<List<Integer>> values = value().list().ofSize(40);
    Arbitrary<List<Integer>> kinds = Arbitraries.integers().between(0, 9).list().ofSize(40);
    Arbitrary<Integer> repeats = Arbitraries.integers().between(0, 4);
    return Combinators.combine(opcode, values, kinds, repeats)
        .as((op, v, k, n) -> encode(op, v, k, n));
  }

  /** One instruction with operands of the types it takes, aimed at the edges. */
  private static byte[] encode(int op, List<Integer> v, List<Integer> k, int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(op);
    Opcode o = Opcode.ofCode(op);
    if (o == null) {
      return out.toByteArray();
    }
    String types = o.operands + o.repeated().repeat(n);
    for (int i = 0; i < types.length(); i++) {
      int value = v.get(i);
      int kind = k.get(i);
      byte[] enc =
          switch (types.charAt(i)) {
            case '#' ->
                // The count before repeated operands matches them; other literals stay small.
                UdvmAssembler.literal(
                    i == o.operands.length() - 1 && !o.repeated().isEmpty() ? n : value & 7, 1);
            case '$' ->
                UdvmAssembler.reference(kind < 7 ? 32 + 2 * (value % 48) : value & 0xFFFE, 1);
            case '@' ->
                // Mostly short jumps forward or back, so that execution stays in the code.
                UdvmAssembler.multitypeValue(kind < 8 ? (value % 48 - 16) & 0xFFFF : value, 1);
            default ->
                kind < 6
                    ? UdvmAssembler.multitypeValue(value, 1)
                    : UdvmAssembler.multitypeReference(kind < 9 ? 32 + 2 * (value % 48) : value, 1);
          };
      out.write(enc, 0, enc.length);
    }
    return out.toByteArray();
  }

  private static Arbitrary<Integer> value() {
    return Arbitraries.oneOf(
        Arbitraries.of(0, 1, 2, 3, 6, 7, 16, 20, 21, 32, 63, 64, 70, 128, 1024, 2047, 2048, 65535),
        Arbitraries.integers().between(0, 300),
        Arbitraries.integers().between(0, 65535));
  }
}
