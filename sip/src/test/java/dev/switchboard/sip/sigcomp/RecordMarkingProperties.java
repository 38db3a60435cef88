package dev.switchboard.sip.sigcomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Record marking on a stream (RFC 3320 §4.2.2): whatever the messages hold — runs of 0xFF included
 * — and however the stream is cut into reads, the deframer gives back exactly the messages framed,
 * and refuses a stream with an unquoted 0xFF80…0xFFFE.
 */
class RecordMarkingProperties {

  @Property(tries = 500)
  void framedMessagesComeBackWhateverTheReads(
      @ForAll("messages") List<byte[]> messages, @ForAll @IntRange(min = 1, max = 40) int chunk)
      throws DecompressionFailure {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (byte[] m : messages) {
      stream.writeBytes(RecordMarking.encode(m));
    }
    byte[] wire = stream.toByteArray();
    RecordDeframer deframer = new RecordDeframer(1 << 16);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < wire.length; i += chunk) {
      out.addAll(deframer.feed(wire, i, Math.min(chunk, wire.length - i)));
    }
    assertThat(out).hasSize(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      assertThat(out.get(i)).isEqualTo(messages.get(i));
    }
    assertThat(deframer.pending()).isZero();
  }

  @Test
  void anUnquotedReservedPairBreaksTheStream() throws DecompressionFailure {
    RecordDeframer deframer = new RecordDeframer(4096);
    byte[] bad = {(byte) 0xF8, 0x01, (byte) 0xFF, (byte) 0x80};
    assertThatThrownBy(() -> deframer.feed(bad, 0, bad.length))
        .isInstanceOfSatisfying(
            DecompressionFailure.class,
            f -> assertThat(f.reason()).isEqualTo(NackReason.FRAMING_ERROR));
    assertThatThrownBy(() -> deframer.feed(new byte[] {1}, 0, 1))
        .isInstanceOf(DecompressionFailure.class);
  }

  @Test
  void aRecordLongerThanTheLimitBreaksTheStream() {
    RecordDeframer deframer = new RecordDeframer(16);
    byte[] long_ = new byte[40];
    assertThatThrownBy(() -> deframer.feed(long_, 0, long_.length))
        .isInstanceOfSatisfying(
            DecompressionFailure.class,
            f -> assertThat(f.reason()).isEqualTo(NackReason.FRAMING_ERROR));
  }

  @Provide
  Arbitrary<List<byte[]>> messages() {
    Arbitrary<Byte> mostlyFf =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Arbitraries.just((byte) 0xFF)),
            net.jqwik.api.Tuple.of(5, Arbitraries.bytes()));
    return mostlyFf
        .array(byte[].class)
        .ofMinSize(1)
        .ofMaxSize(400)
        .list()
        .ofMinSize(1)
        .ofMaxSize(5);
  }
}
