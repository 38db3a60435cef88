package dev.switchboard.sip.sigcomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our assembler (RFC 4464 §3) against RFC 4465: the assembly code of each torture test must give
 * the bytecode the RFC prints in its Appendix A — or, where the RFC's assembler settled on other
 * but equally valid operand sizes, bytecode that behaves the same.
 */
class UdvmAssemblerTest {
  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest(name = "§{0} assembles to the bytecode of {1}")
  @CsvSource({
    "2.1, A.1.1, 1",
    "2.2, A.1.2, 1",
    "2.3, A.1.3, 1",
    "2.4, A.1.4, 1",
    "2.5, A.1.5, 1",
    "2.6, A.1.6, 1",
    "2.7, A.1.7, 1",
    "2.8, A.1.8, 1",
    "2.9, A.1.9, 1",
    "2.10, A.1.10, 1",
    "2.11, A.1.11, 1",
    "2.12, A.1.12, 1",
    "2.13, A.1.13, 1",
    "2.14, A.1.14, 1",
    "2.15, A.1.15, 1",
    "2.16-setup, A.1.16, 1",
    "2.16, A.1.16, 2",
    "3.1, A.2.1 Useful Values, 1",
    "3.2, A.2.2, 1",
    "3.3, A.2.3, 3",
    "3.5, A.2.5, 1",
    "4.1, A.3.1, 1",
    "4.2, A.3.2, 1",
    "4.4, A.3.4, 1",
  })
  void sameBytecodeAsTheRfc(String file, String section, int step) throws IOException {
    byte[] rfc = rfcMessage(section, step);
    int codeLength = (rfc[1] & 0xFF) << 4 | (rfc[2] & 0xFF) >> 4;
    int destination = ((rfc[2] & 0x0F) + 1) * 64;
    byte[] rfcCode = Arrays.copyOfRange(rfc, 3, 3 + codeLength);

    UdvmAssembler.Assembly ours = UdvmAssembler.assemble(asm(file));
    byte[] ourCode =
        Arrays.copyOf(
            Arrays.copyOfRange(ours.image(), destination, ours.image().length), codeLength);

    assertThat(HEX.formatHex(ourCode)).isEqualTo(HEX.formatHex(rfcCode));
    assertThat(ours.upload(destination).length).isLessThanOrEqualTo(codeLength);
  }

  @Test
  void streamTestAssemblesToTheFirstMessageOfTheRfcStream() throws Exception {
    byte[] stream = HEX.parseHex(firstLine("A.2.4", "stream "));
    byte[] first = new RecordDeframer(4096).feed(stream, 0, stream.length).get(0);
    UdvmAssembler.Assembly ours = UdvmAssembler.assemble(asm("3.4"));
    assertThat(HEX.formatHex(upload(ours.upload(128)))).isEqualTo(HEX.formatHex(first));
  }

  /**
   * §4.3's assembly reaches another fixed point of operand sizes than the RFC's (a COMPARE offset
   * of 65 in two bytes where the RFC has 64 in one); its states come from data, not code, so the
   * whole three-compartment test must run the same with our bytecode.
   */
  @Test
  void multipleCompartmentsTestRunsTheSameWithOurBytecode() throws Exception {
    byte[] code = UdvmAssembler.assemble(asm("4.3")).upload(128);
    SigCompEndpoint endpoint = tortureEndpoint();
    long[] cycles = {1809, 1809, 1809, 1993, 1994, 1804};
    for (int input = 0; input <= 8; input++) {
      byte[] message = concat(upload(code), new byte[] {(byte) input});
      Decompression d = endpoint.decompress(message, InetAddress.getLoopbackAddress(), false);
      if (input >= 6) {
        assertThat(d).isInstanceOf(Decompression.Failed.class);
        assertThat(((Decompression.Failed) d).failure().reason())
            .isEqualTo(NackReason.STATE_NOT_FOUND);
        continue;
      }
      DecompressedMessage m = (DecompressedMessage) d;
      assertThat(m.cyclesUsed()).as("input %d", input).isEqualTo(cycles[input]);
      m.commit(new CompartmentId("compartment-" + input % 3));
    }
  }

  /**
   * §4.5 likewise; its first message (with the input byte 0x02 that rewrites the OUTPUT after it)
   * must still output "OK" in 66 cycles.
   */
  @Test
  void bytecodeStateCreationTestRunsTheSameWithOurBytecode() throws Exception {
    byte[] code = UdvmAssembler.assemble(asm("4.5")).upload(128);
    byte[] message = concat(upload(code), new byte[] {2});
    Decompression d =
        tortureEndpoint().decompress(message, InetAddress.getLoopbackAddress(), false);
    DecompressedMessage m = (DecompressedMessage) d;
    assertThat(new String(m.message(), StandardCharsets.US_ASCII)).isEqualTo("OK");
    assertThat(m.cyclesUsed()).isEqualTo(66);
  }

  @Test
  void operandsTakeTheirShortestEncoding() {
    assertThat(UdvmAssembler.literal(127, 1)).containsExactly(0x7F);
    assertThat(UdvmAssembler.literal(128, 1)).containsExactly(0x80, 0x80);
    assertThat(UdvmAssembler.literal(16384, 1)).containsExactly(0xC0, 0x40, 0x00);
    assertThat(UdvmAssembler.reference(254, 1)).containsExactly(0x7F);
    assertThat(UdvmAssembler.reference(255, 1)).containsExactly(0xC0, 0x00, 0xFF);
    assertThat(UdvmAssembler.multitypeValue(63, 1)).containsExactly(0x3F);
    assertThat(UdvmAssembler.multitypeValue(64, 1)).containsExactly(0x86);
    assertThat(UdvmAssembler.multitypeValue(1024, 1)).containsExactly(0x8A);
    assertThat(UdvmAssembler.multitypeValue(65535, 1)).containsExactly(0xFF);
    assertThat(UdvmAssembler.multitypeValue(8191, 1)).containsExactly(0xBF, 0xFF);
    assertThat(UdvmAssembler.multitypeValue(61440, 1)).containsExactly(0x90, 0x00);
    assertThat(UdvmAssembler.multitypeValue(30000, 1)).containsExactly(0x80, 0x75, 0x30);
    assertThat(UdvmAssembler.multitypeReference(126, 1)).containsExactly(0x7F);
    assertThat(UdvmAssembler.multitypeReference(127, 1)).containsExactly(0xC0, 0x7F);
    assertThat(UdvmAssembler.multitypeReference(9000, 1)).containsExactly(0x81, 0x23, 0x28);
  }

  @Test
  void blankLiteralCountsTheOperandsAfterIt() {
    byte[] image = UdvmAssembler.assemble("at (128)\nMULTILOAD (64, , 1, 2, 3, 4)").image();
    assertThat(Arrays.copyOfRange(image, 128, image.length))
        .containsExactly(0x0F, 0x86, 0x04, 0x01, 0x02, 0x03, 0x04);
  }

  @Test
  void expressionsFollowRfc4464() {
    UdvmAssembler.Assembly a =
        UdvmAssembler.assemble(
            "set (x, ((1 + (2 * 3)) & (0xabcd - 0b00101010)))\n"
                + "set (y, (x << 4))\nset (z, (0xff ~ 0x0f))\nat (4)\n:here\nset (dot, .)");
    assertThat(a.symbol("x")).isEqualTo(3);
    assertThat(a.symbol("y")).isEqualTo(48);
    assertThat(a.symbol("z") & 0xFF).isEqualTo(0x0F);
    assertThat(a.symbol("here")).isEqualTo(4);
    assertThat(a.symbol("dot")).isEqualTo(4);
  }

  @Test
  void badAssemblyIsRefusedWithTheLine() {
    assertThatThrownBy(() -> UdvmAssembler.assemble("at (128)\nJUMP (nowhere)"))
        .hasMessageContaining("line 2")
        .hasMessageContaining("nowhere");
    assertThatThrownBy(() -> UdvmAssembler.assemble("at (128)\nADD (3, 4)"))
        .hasMessageContaining("needs '$'");
    assertThatThrownBy(() -> UdvmAssembler.assemble("at (128)\nLOAD (1)"))
        .hasMessageContaining("takes 2 operands");
    assertThatThrownBy(() -> UdvmAssembler.assemble("pad (10)\nat (4)"))
        .hasMessageContaining("behind");
    assertThatThrownBy(() -> UdvmAssembler.assemble("FROB (1)")).hasMessageContaining("unknown");
    assertThatThrownBy(() -> UdvmAssembler.assemble("byte (256)")).hasMessageContaining("fit");
  }

  static SigCompEndpoint tortureEndpoint() {
    return new SigCompEndpoint(
        SigCompConfig.defaults()
            .withLocal(new SigCompParameters(16, 2048, 2048, 2))
            .withBounds(16, 16, 1 << 20)
            .withSharedCompression(false));
  }

  /** A SigComp message uploading {@code code} to address 128. */
  private static byte[] upload(byte[] code) {
    byte[] header = {
      (byte) 0xF8, (byte) (code.length >> 4), (byte) ((code.length & 0x0F) << 4 | 1)
    };
    return concat(header, code);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String asm(String file) throws IOException {
    try (InputStream in =
        UdvmAssemblerTest.class.getResourceAsStream("/rfc4465/asm/" + file + ".udvm")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static byte[] rfcMessage(String section, int step) throws IOException {
    Rfc4465TortureTest.Section s =
        Rfc4465TortureTest.sections()
            .filter(x -> x.name().startsWith(section + " ") || x.name().equals(section))
            .findFirst()
            .orElseThrow();
    List<String> lines = s.steps().get(step - 1);
    return HEX.parseHex(lines.get(0).substring("message ".length()));
  }

  private static String firstLine(String section, String key) throws IOException {
    return Rfc4465TortureTest.sections()
        .filter(x -> x.name().startsWith(section + " "))
        .findFirst()
        .orElseThrow()
        .steps()
        .get(0)
        .stream()
        .filter(l -> l.startsWith(key))
        .findFirst()
        .orElseThrow()
        .substring(key.length());
  }
}
