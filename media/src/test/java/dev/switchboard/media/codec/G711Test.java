package dev.switchboard.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.media.testing.Sox;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class G711Test {

  @TempDir Path dir;

  @Test
  void muLawKnownVectors() {
    // G.711 Table 2a: zero is the all-ones code, full scale the "0x80/0x00" codes.
    assertThat(MuLaw.encode((short) 0)).isEqualTo((byte) 0xFF);
    assertThat(MuLaw.encode((short) 32767)).isEqualTo((byte) 0x80);
    assertThat(MuLaw.encode((short) -32768)).isEqualTo((byte) 0x00);
    assertThat(MuLaw.decode((byte) 0xFF)).isEqualTo((short) 0);
    assertThat(MuLaw.decode((byte) 0x7F)).isEqualTo((short) 0);
    assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
    assertThat(MuLaw.decode((byte) 0x00)).isEqualTo((short) -32124);
    // first segment is 2 linear units (x4 in 16 bits) wide per step; 0xFE is the first step up
    assertThat(MuLaw.decode((byte) 0xFE)).isEqualTo((short) 8);
  }

  @Test
  void aLawKnownVectors() {
    assertThat(ALaw.encode((short) 0)).isEqualTo((byte) 0xD5);
    assertThat(ALaw.encode((short) -8)).isEqualTo((byte) 0x55);
    assertThat(ALaw.encode((short) 32767)).isEqualTo((byte) 0xAA);
    assertThat(ALaw.encode((short) -32768)).isEqualTo((byte) 0x2A);
    assertThat(ALaw.decode((byte) 0xD5)).isEqualTo((short) 8);
    assertThat(ALaw.decode((byte) 0x55)).isEqualTo((short) -8);
    assertThat(ALaw.decode((byte) 0xAA)).isEqualTo((short) 32256);
    assertThat(ALaw.decode((byte) 0x2A)).isEqualTo((short) -32256);
  }

  @Test
  void decodingThenEncodingEveryCodeGivesTheSameCode() {
    for (int code = 0; code < 256; code++) {
      byte b = (byte) code;
      if (code != 0x7F) { // µ-law's negative zero decodes to 0, which encodes as positive zero
        assertThat(MuLaw.encode(MuLaw.decode(b))).as("µ-law %02x", code).isEqualTo(b);
      }
      assertThat(ALaw.encode(ALaw.decode(b))).as("A-law %02x", code).isEqualTo(b);
    }
  }

  @Test
  void quantisationErrorStaysWithinHalfAStepOfTheSegment() {
    for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
      short sample = (short) s;
      int mu = Math.abs(MuLaw.decode(MuLaw.encode(sample)) - s);
      int a = Math.abs(ALaw.decode(ALaw.encode(sample)) - s);
      // relative error of a logarithmic quantiser: at most ~1/32 of the value plus the first step
      assertThat(mu).as("µ-law %d", s).isLessThanOrEqualTo(Math.abs(s) / 30 + 8 + clipExcess(s));
      assertThat(a).as("A-law %d", s).isLessThanOrEqualTo(Math.abs(s) / 30 + 16 + clipExcess(s));
    }
  }

  private static int clipExcess(int s) {
    return Math.max(0, Math.abs(s) - 32124);
  }

  @Test
  void codecInterfaceEncodesAndDecodesAFrame() {
    short[] pcm = new short[160];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
    }
    for (G711 codec : G711.values()) {
      byte[] payload = new byte[codec.payloadBytes(pcm.length)];
      codec.encode(pcm, 0, pcm.length, payload, 0);
      short[] back = new short[160];
      assertThat(codec.decode(payload, 0, payload.length, back, 0)).isEqualTo(160);
      for (int i = 0; i < pcm.length; i++) {
        assertThat(Math.abs(back[i] - pcm[i])).isLessThanOrEqualTo(300);
      }
      assertThat(AudioCodec.forPayloadType(codec.payloadType())).isSameAs(codec);
    }
    assertThat(AudioCodec.forPayloadType(18)).isNull();
  }

  /**
   * sox's G.711 (an independent implementation) encodes every 16-bit value as we do, or one step
   * away: sox rounds to 14/13 bits first where the ITU reference (G.191) truncates, so values on a
   * step boundary may land on the neighbouring step.
   */
  @Test
  void everySixteenBitSampleEncodesAsSoxDoesOrOneStepAway() throws Exception {
    ByteBuffer all = ByteBuffer.allocate(65536 * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
      all.putShort((short) s);
    }
    Path linear = dir.resolve("all.s16");
    Files.write(linear, all.array());
    for (G711 codec : G711.values()) {
      Path coded = dir.resolve(codec + ".raw");
      String encoding = codec == G711.PCMU ? "u-law" : "a-law";
      Sox.run(
          "-D",
          "-t",
          "raw",
          "-r",
          "8000",
          "-e",
          "signed",
          "-b",
          "16",
          "-c",
          "1",
          linear.toString(),
          "-t",
          "raw",
          "-e",
          encoding,
          "-b",
          "8",
          coded.toString());
      byte[] theirs = Files.readAllBytes(coded);
      assertThat(theirs).hasSize(65536);
      int differing = 0;
      for (int i = 0; i < 65536; i++) {
        short sample = (short) (i + Short.MIN_VALUE);
        byte ours = codec.encodeSample(sample);
        if (ours != theirs[i]) {
          differing++;
          int oursLinear = codec.decodeSample(ours);
          int theirsLinear = codec.decodeSample(theirs[i]);
          assertThat(Math.abs(oursLinear - theirsLinear))
              .as("%s of %d: neighbouring steps", codec, sample)
              .isLessThanOrEqualTo(Math.abs(sample) / 15 + 16);
        }
      }
      System.out.printf("%s: %d of 65536 values one step from sox%n", codec, differing);
      // boundary cases only: per code boundary, at most the half-LSB that rounding moves
      // (2 sixteen-bit values of µ-law's 14-bit input, 4 of A-law's 13-bit input)
      int perBoundary = codec == G711.PCMU ? 2 : 4;
      assertThat(differing)
          .as("%s values encoded differently from sox", codec)
          .isLessThanOrEqualTo(256 * perBoundary);
    }
  }

  /** ... and decodes every code as sox does. */
  @Test
  void everyCodeDecodesAsSoxDoes() throws Exception {
    byte[] codes = new byte[256];
    for (int i = 0; i < 256; i++) {
      codes[i] = (byte) i;
    }
    for (G711 codec : G711.values()) {
      Path coded = dir.resolve(codec + ".codes");
      Files.write(coded, codes);
      Path linear = dir.resolve(codec + ".s16");
      String encoding = codec == G711.PCMU ? "u-law" : "a-law";
      Sox.run(
          "-D",
          "-t",
          "raw",
          "-r",
          "8000",
          "-e",
          encoding,
          "-b",
          "8",
          "-c",
          "1",
          coded.toString(),
          "-t",
          "raw",
          "-e",
          "signed",
          "-b",
          "16",
          linear.toString());
      ByteBuffer theirs =
          ByteBuffer.wrap(Files.readAllBytes(linear)).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < 256; i++) {
        assertThat(codec.decodeSample((byte) i))
            .as("%s of %02x", codec, i)
            .isEqualTo(theirs.getShort());
      }
    }
  }
}
