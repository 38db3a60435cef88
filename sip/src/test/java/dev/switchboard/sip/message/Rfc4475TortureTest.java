package dev.switchboard.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The RFC 4475 torture messages (our own renderings, see the resource README) and verdicts. */
class Rfc4475TortureTest {

  record Vector(String name, String kind, String verdict, String expect, String note) {
    @Override
    public String toString() {
      return name + " (" + verdict + ")";
    }
  }

  static Stream<Vector> vectors() throws IOException {
    List<Vector> out = new ArrayList<>();
    try (InputStream in = Rfc4475TortureTest.class.getResourceAsStream("/rfc4475/manifest.tsv")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 1; i < lines.length; i++) {
        String[] c = lines[i].split("\t");
        if (c.length >= 6) {
          out.add(new Vector(c[0], c[2], c[3], c[4], c[5]));
        }
      }
    }
    return out.stream();
  }

  static byte[] bytes(String name) throws IOException {
    try (InputStream in =
        Rfc4475TortureTest.class.getResourceAsStream("/rfc4475/" + name + ".sip")) {
      return in.readAllBytes();
    }
  }

  private final MessageParser parser = new MessageParser();

  /** Parses and runs the checks the transport runs before a message goes up the stack. */
  private SipMessage parseAndValidate(byte[] b) {
    SipMessage m = parser.parseDatagram(b, 0, b.length);
    if (m instanceof SipRequest r) {
      r.validate();
    } else {
      ((SipResponse) m).validate();
    }
    return m;
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void verdictHolds(Vector v) throws IOException {
    byte[] b = bytes(v.name());
    switch (v.verdict()) {
      case "parse" -> {
        SipMessage m = parseAndValidate(b);
        assertThat(m.toBytes()).isNotEmpty();
      }
      case "reject" -> {
        assertThatThrownBy(() -> parseAndValidate(b)).isInstanceOf(SipParseException.class);
        SipParseException e = catchParse(b);
        SipResponse answer = parser.badRequest(b, 0, b.length, e);
        if (v.expect().equals("400")) {
          assertThat(answer).as("answerable with 400: " + e.getMessage()).isNotNull();
          assertThat(answer.status()).isEqualTo(400);
          assertThat(answer.reason()).isNotBlank();
        } else {
          assertThat(answer).as("must be dropped").isNull();
        }
      }
      case "parse-semantic" -> {
        SipMessage m = parser.parseDatagram(b, 0, b.length);
        if (v.expect().equals("400")) {
          SipParseException e = catchParse(b);
          assertThat(e).as("a 400 needs a reason").isNotNull();
          SipResponse answer =
              m instanceof SipRequest r ? r.createResponse(400, e.reasonPhrase()) : null;
          assertThat(answer).isNotNull();
        } else {
          parseAndValidate(b);
        }
      }
      default -> throw new AssertionError("unknown verdict " + v.verdict());
    }
  }

  private SipParseException catchParse(byte[] b) {
    try {
      parseAndValidate(b);
      return null;
    } catch (SipParseException e) {
      return e;
    }
  }
}
