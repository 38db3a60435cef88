package dev.switchboard.sip.sigcomp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The SIP messages of {@code sigcomp/call-flow.txt}: a phone registers, calls and hangs up. */
final class CallFlow {
  /** One message, and whether the phone ("ua") or the server sent it. */
  record Message(String name, boolean fromUa, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  static final List<Message> MESSAGES = load();

  private CallFlow() {}

  static Message get(String name) {
    return MESSAGES.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<Message> load() {
    String text;
    try (InputStream in = CallFlow.class.getResourceAsStream("/sigcomp/call-flow.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Message> out = new ArrayList<>();
    for (String block : text.split("\n=== ")) {
      if (block.startsWith("#")) {
        continue;
      }
      String[] head = block.substring(0, block.indexOf('\n')).split(" ");
      String body = block.substring(block.indexOf('\n') + 1).strip();
      int blank = body.indexOf("\n\n");
      String headers = blank < 0 ? body : body.substring(0, blank);
      StringBuilder sb = new StringBuilder(headers.replace("\n", "\r\n")).append("\r\n\r\n");
      if (blank >= 0) {
        sb.append(body.substring(blank + 2).replace("\n", "\r\n")).append("\r\n");
      }
      out.add(
          new Message(
              head[0], head[1].equals("ua"), sb.toString().getBytes(StandardCharsets.UTF_8)));
    }
    return List.copyOf(out);
  }
}
