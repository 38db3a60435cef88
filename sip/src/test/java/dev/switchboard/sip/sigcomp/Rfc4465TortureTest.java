package dev.switchboard.sip.sigcomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every torture test of RFC 4465 Appendix A (resource {@code rfc4465/vectors.txt}): each bytecode
 * runs with the RFC's inputs on an endpoint with the minimum resources the RFC assumes (2 KB of
 * decompression and state memory, 16 cycles per bit), and must give the RFC's output and cycle
 * count or fail for the RFC's reason. The steps of one section share an endpoint, so states saved
 * by one step are there for the next.
 */
class Rfc4465TortureTest {
  private static final HexFormat HEX = HexFormat.of();

  /** One section of Appendix A: its steps run in order on one endpoint. */
  record Section(String name, int version, List<List<String>> steps) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Section> sections() throws IOException {
    String text;
    try (InputStream in = Rfc4465TortureTest.class.getResourceAsStream("/rfc4465/vectors.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    List<Section> out = new ArrayList<>();
    String name = null;
    int version = 2;
    List<List<String>> steps = new ArrayList<>();
    List<String> step = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("== ")) {
        if (name != null) {
          out.add(new Section(name, version, steps));
        }
        name = line.substring(3);
        version = 2;
        steps = new ArrayList<>();
        step = null;
      } else if (line.startsWith("version ")) {
        version = Integer.parseInt(line.substring(8));
      } else if (line.isBlank()) {
        step = null;
      } else {
        if (step == null) {
          step = new ArrayList<>();
          steps.add(step);
        }
        step.add(line);
      }
    }
    out.add(new Section(name, version, steps));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sections")
  void section(Section section) throws Exception {
    SigCompEndpoint endpoint =
        new SigCompEndpoint(
            SigCompConfig.defaults()
                .withLocal(new SigCompParameters(16, 2048, 2048, section.version()))
                .withBounds(16, 16, 1 << 20)
                .withSharedCompression(false));
    assertThat(section.steps()).isNotEmpty();
    int n = 0;
    for (List<String> step : section.steps()) {
      n++;
      String where = section.name() + ", step " + n;
      if (step.get(0).startsWith("stream ")) {
        runStream(endpoint, step, where);
      } else {
        runMessage(endpoint, step, where);
      }
    }
  }

  private void runMessage(SigCompEndpoint endpoint, List<String> step, String where) {
    byte[] message = HEX.parseHex(value(step, "message"));
    Decompression d = endpoint.decompress(message, InetAddress.getLoopbackAddress(), false);
    check(d, step, where, "");
    if (d instanceof DecompressedMessage m) {
      String compartment = value(step, "compartment");
      if (compartment != null) {
        CompartmentId id = new CompartmentId("compartment-" + compartment);
        m.commit(id);
        afterCommit(endpoint, id, step, where);
      }
    }
  }

  private void runStream(SigCompEndpoint endpoint, List<String> step, String where)
      throws DecompressionFailure {
    byte[] stream = HEX.parseHex(value(step, "stream"));
    RecordDeframer deframer = endpoint.newStreamDeframer();
    List<byte[]> records = deframer.feed(stream, 0, stream.length);
    List<List<String>> expected = new ArrayList<>();
    for (String line : step) {
      if (line.startsWith("record output") || line.startsWith("record failure")) {
        expected.add(new ArrayList<>());
      }
      if (line.startsWith("record ")) {
        expected.get(expected.size() - 1).add(line.substring(7));
      }
    }
    assertThat(records).as(where + ": records in the stream").hasSize(expected.size());
    for (int i = 0; i < records.size(); i++) {
      Decompression d = endpoint.decompress(records.get(i), InetAddress.getLoopbackAddress(), true);
      check(d, expected.get(i), where, ", record " + (i + 1));
    }
    String pending = value(step, "pending");
    if (pending != null) {
      assertThat(deframer.pending())
          .as(where + ": bytes left")
          .isEqualTo(Integer.parseInt(pending));
    }
  }

  private void check(Decompression d, List<String> step, String where, String record) {
    String failure = value(step, "failure");
    if (failure != null) {
      assertThat(d).as(where + record + ": must fail").isInstanceOf(Decompression.Failed.class);
      DecompressionFailure f = ((Decompression.Failed) d).failure();
      assertThat(f.reason()).as(where + record + ": " + f).isEqualTo(NackReason.valueOf(failure));
      String opcode = value(step, "failure-opcode");
      if (opcode != null) {
        assertThat(f.opcode()).as(where + ": failing opcode").isEqualTo(Integer.parseInt(opcode));
      }
      return;
    }
    assertThat(d)
        .as(where + record + ": must decompress, got " + d)
        .isInstanceOf(DecompressedMessage.class);
    DecompressedMessage m = (DecompressedMessage) d;
    String output = value(step, "output");
    byte[] expected = "none".equals(output) ? new byte[0] : HEX.parseHex(output);
    assertThat(HEX.formatHex(m.message()))
        .as(where + record + ": output")
        .isEqualTo(HEX.formatHex(expected));
    String cycles = value(step, "cycles");
    if (cycles != null) {
      assertThat(m.cyclesUsed()).as(where + record + ": cycles").isEqualTo(Long.parseLong(cycles));
    }
  }

  private void afterCommit(
      SigCompEndpoint endpoint, CompartmentId id, List<String> step, String where) {
    String states = value(step, "states");
    if (states != null) {
      assertThat(endpoint.statesOf(id))
          .as(where + ": states in " + id)
          .hasSize(Integer.parseInt(states));
    }
    String feedback = value(step, "feedback");
    if (feedback != null) {
      assertThat(HEX.formatHex(endpoint.feedbackToReturn(id)))
          .as(where + ": requested feedback item to return")
          .isEqualTo(feedback);
    }
    String parameters = value(step, "peer-parameters");
    if (parameters != null) {
      String[] p = parameters.split(" ");
      assertThat(endpoint.peerParameters(id))
          .as(where + ": announced parameters")
          .isEqualTo(
              new SigCompParameters(
                  Integer.parseInt(p[0]),
                  Integer.parseInt(p[1]),
                  Integer.parseInt(p[2]),
                  Integer.parseInt(p[3])));
    }
    String announced = value(step, "announced");
    if (announced != null) {
      assertThat(endpoint.peerAnnouncedStates(id).stream().map(HEX::formatHex).toList())
          .as(where + ": announced states")
          .containsExactly(announced.split(","));
    }
  }

  private static String value(List<String> step, String key) {
    for (String line : step) {
      if (line.startsWith(key + " ")) {
        return line.substring(key.length() + 1);
      }
    }
    return null;
  }
}
