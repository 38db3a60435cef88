package dev.switchboard.sip.sigcomp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The SIP messages of {@code sigcomp/call-flow.txt}: a phone registers, calls and hangs up. Public
 * for the SigComp benchmarks in bench/, which measure the same messages.
 */
public final class CallFlow {
  /** One message, and whether the phone ("ua") or the server sent it. */
  public record Message(String name, boolean fromPhone, byte[] bytes) {
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  public static final List<Message> MESSAGES = load();

  private CallFlow() {}

  public static Message get(String name) {
    return MESSAGES.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * The same call a while later: new Call-ID, tags, branches and CSeq numbers, as the next call
   * between the same phone and server would have.
   */
  public static Message later(Message m) {
    String t =
        new String(m.bytes(), StandardCharsets.UTF_8)
            .replace("3f6b2a9d8c7e4f10a5b6c7d8e9f0a1b2", "8d1e7c3b5a9f4e2d6c0b8a7f3e1d5c9b")
            .replace("77d3e0a1", "c4a91f0e")
            .replace("b81c5e0f", "2f7d9a13")
            .replace("---5e21d0b7c9a84f36", "---a7c3e91b0d4f2865")
            .replace("---0a9e2b1f7c3d4e58", "---19e4c7a2b3f0d856")
            .replace("---6d4c3b2a1f0e9d87", "---4b8d2f6a0c1e3975")
            .replace("---c31b77f0a2e94d15", "---e0b45a1c9d7f3286")
            .replace("CSeq: 2 REGISTER", "CSeq: 3 REGISTER")
            .replace("tag=sb-5d0a41", "tag=sb-0e6b93")
            .replace("o=1001 3284 1932", "o=1001 3611 2205")
            .replace("o=1002 1186 2017", "o=1002 4123 1920");
    return new Message(m.name(), m.fromPhone(), t.getBytes(StandardCharsets.UTF_8));
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
