package dev.switchboard.ua;

import dev.switchboard.sip.message.SipParseException;
import java.nio.charset.StandardCharsets;

/**
 * The dialog an INVITE replaces (RFC 3891): its Call-ID and tags as the recipient of that INVITE
 * sees them, {@code to-tag} its own and {@code from-tag} the other party's.
 */
public record Replaces(String callId, String toTag, String fromTag) {

  /**
   * What names {@code dialog} at its other end: our remote tag is that end's local tag (to-tag),
   * our local tag its remote one (from-tag).
   */
  public static Replaces of(Dialog dialog) {
    DialogId id = dialog.id();
    return new Replaces(id.callId(), id.remoteTag(), id.localTag());
  }

  /** Reads a Replaces header value; a missing part is a parse error. */
  public static Replaces parse(String value) {
    String[] parts = value.split(";");
    String callId = parts[0].strip();
    String to = null;
    String from = null;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      int eq = p.indexOf('=');
      if (eq < 0) {
        continue; // early-only and extensions carry no tag
      }
      String name = p.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
      String v = p.substring(eq + 1).strip();
      if (name.equals("to-tag")) {
        to = v;
      } else if (name.equals("from-tag")) {
        from = v;
      }
    }
    if (callId.isEmpty() || to == null || from == null) {
      throw new SipParseException("Replaces needs a Call-ID, to-tag and from-tag", "Replaces");
    }
    return new Replaces(callId, to, from);
  }

  /** The header value: {@code call-id;to-tag=…;from-tag=…}. */
  public String headerValue() {
    return callId + ";to-tag=" + toTag + ";from-tag=" + fromTag;
  }

  /** The value escaped for a URI's {@code ?Replaces=} header part (RFC 3261 §19.1.1). */
  public String uriEscaped() {
    StringBuilder sb = new StringBuilder();
    for (byte b : headerValue().getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-_.!~*'()".indexOf(c) >= 0) {
        sb.append(c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
