package dev.switchboard.sip.sigcomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our compressed call read by an implementation we did not write: Wireshark's SigComp dissector
 * runs its own UDVM and state handler over a capture of the call and must decompress every message,
 * bytecode uploads and state references alike, to exactly what we sent. (Wireshark has no RFC 3321
 * shared mode, so the call runs without it.)
 */
class WiresharkInteropTest {
  private static final byte[] PHONE = {(byte) 192, 0, 2, 10};
  private static final byte[] SERVER = {(byte) 192, 0, 2, 1};

  @Test
  void wiresharkDecompressesEveryMessageOfOurCall(@TempDir Path dir) throws Exception {
    String tshark = tshark();
    SigCompEndpointTest.Link link =
        new SigCompEndpointTest.Link(
            SigCompEndpointTest.phoneConfig().withSharedCompression(false),
            SigCompConfig.defaults().withSharedCompression(false),
            false);
    Pcap pcap = new Pcap();
    List<byte[]> sent = new ArrayList<>();
    for (CallFlow.Message m : CallFlow.MESSAGES) {
      SigCompEndpointTest.Link.Sent s = link.send(m);
      pcap.udp(
          m.fromPhone() ? PHONE : SERVER, 5060, m.fromPhone() ? SERVER : PHONE, 5060, s.wire());
      sent.add(m.bytes());
    }
    assertThat(link.log.stream().filter(s -> !s.uploadedBytecode()).count())
        .as("messages that name a state instead of uploading bytecode")
        .isGreaterThanOrEqualTo(6);
    Path capture = dir.resolve("call.pcap");
    pcap.write(capture);

    Process p =
        new ProcessBuilder(tshark, "-r", capture.toString(), "-o", "sigcomp.decomp.msg:TRUE", "-x")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("tshark.txt").toFile())
            .start();
    try {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("tshark finished").isTrue();
    } finally {
      p.destroyForcibly();
    }
    Map<Integer, byte[]> decompressed =
        decompressedMessages(Files.readString(dir.resolve("tshark.txt"), StandardCharsets.UTF_8));

    for (int frame = 1; frame <= sent.size(); frame++) {
      assertThat(decompressed).as("Wireshark decompressed frame %d", frame).containsKey(frame);
      assertThat(new String(decompressed.get(frame), StandardCharsets.UTF_8))
          .as("frame %d", frame)
          .isEqualTo(new String(sent.get(frame - 1), StandardCharsets.UTF_8));
    }
  }

  /** The "Decompressed SigComp message" hex dumps of {@code tshark -x}, by frame number. */
  private static Map<Integer, byte[]> decompressedMessages(String output) {
    Map<Integer, byte[]> out = new LinkedHashMap<>();
    int frame = 0;
    boolean inDump = false;
    StringBuilder hex = new StringBuilder();
    for (String line : output.split("\n")) {
      if (line.startsWith("Frame (")) {
        frame++;
        inDump = false;
      } else if (line.startsWith("Decompressed SigComp message (")) {
        inDump = true;
        hex.setLength(0);
      } else if (inDump && line.matches("^[0-9a-f]{4}  .*")) {
        // "0000  53 49 50 …   SIP": up to 16 bytes, then three spaces and the text column.
        for (String b : line.substring(6).split("   ", 2)[0].trim().split(" ")) {
          hex.append(b);
        }
      } else if (inDump) {
        out.put(frame, HexFormat.of().parseHex(hex));
        inDump = false;
      }
    }
    if (inDump) {
      out.put(frame, HexFormat.of().parseHex(hex));
    }
    return out;
  }

  private static String tshark() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "tshark"))) {
        return Path.of(dir, "tshark").toString();
      }
    }
    String message = "tshark (Debian package tshark) is not installed";
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail(message + "; CI must install it (scripts/test.sh does)");
    }
    Assumptions.abort(message);
    return null;
  }
}
