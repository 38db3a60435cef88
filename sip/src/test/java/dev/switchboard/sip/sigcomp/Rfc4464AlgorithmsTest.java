package dev.switchboard.sip.sigcomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The six decompressors of RFC 4464 §4, from the RFC's own assembly through our assembler into our
 * UDVM: each must turn the RFC's example compressed message into the RFC's text. The RFC writes
 * them for 16 KB of decompression memory, 16 cycles per bit and 8 KB of state memory.
 */
class Rfc4464AlgorithmsTest {

  @ParameterizedTest(name = "§{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "4.1.1|LZ77|0154000101680001016500010120000101520001016500010173000201610001017500010172"
            + "000101610001016e0001017400010120000101610001020d0002017400010201000301450001016e000101"
            + "64000101200001016f0001016600010211000501550001016e00010169000101760001016500010172000201"
            + "650001010a0001|The Restaurant at the End of the Universe\\n",
        "4.1.2|LZSS|279a0406e378b200607410184ce61349b842|Oh no, not again!",
        "4.1.3|LZW|14c6f0806c1bc6e19c201846e190201d0684206b1cc201986f1c9071b06c42c68195111a4731a02102bff0|So long and thanks for all the fish!\\n",
        "4.1.4|DEFLATE|f3c94c4bd55128c9485508cdcb2c4b2d2a4e5548cc4b5170053"
            + "22b4b3232f3d2b900|Life, the Universe and Everything\\n",
        "4.1.5|LZJH|5c09e6e0cadcc8d2dcce40c240f2cac2e440c825c840ccde29e8c2f040e0eae4e0dee6cae65c1403|...spending a year dead for tax purposes.\\n",
        "4.2.1|modified DEFLATE|d956b132cd685424c5a962158a70a64daf0a5499362150"
            + "9b3e4c28b4a145b362653ad0a6498b5a6d2970ac4c930aa4ca74a4c2680c|Arthur leapt to his feet like an author hearing the phone ring",
      })
  void theRfcsExampleDecompresses(String section, String name, String compressed, String text)
      throws IOException {
    UdvmAssembler.Assembly a = UdvmAssembler.assemble(asm(section));
    int start = a.symbols().getOrDefault("initialize_memory", 128);
    byte[] code = a.upload(start);
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    message.write(0xF8);
    message.write(code.length >> 4);
    message.write((code.length & 0x0F) << 4 | (start / 64 - 1));
    message.writeBytes(code);
    message.writeBytes(HexFormat.of().parseHex(compressed));

    SigCompEndpoint endpoint =
        new SigCompEndpoint(
            SigCompConfig.defaults().withLocal(new SigCompParameters(16, 16384, 8192, 1)));
    Decompression d =
        endpoint.decompress(message.toByteArray(), InetAddress.getLoopbackAddress(), false);

    assertThat(d).as(name + ": " + d).isInstanceOf(DecompressedMessage.class);
    DecompressedMessage m = (DecompressedMessage) d;
    assertThat(new String(m.message(), StandardCharsets.US_ASCII))
        .isEqualTo(text.replace("\\n", "\n"));
    // Each saves its memory as state for the next message (RFC 4464 §4.1.1).
    m.commit(new CompartmentId("rfc4464"));
    assertThat(endpoint.statesOf(new CompartmentId("rfc4464"))).isNotEmpty();
  }

  private static String asm(String section) throws IOException {
    try (InputStream in =
        Rfc4464AlgorithmsTest.class.getResourceAsStream("/rfc4464/" + section + ".udvm")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
