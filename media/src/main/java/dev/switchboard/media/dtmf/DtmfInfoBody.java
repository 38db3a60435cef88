package dev.switchboard.media.dtmf;

import dev.switchboard.media.MalformedMediaException;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads the DTMF key a SIP INFO request carries: {@code application/dtmf-relay} ({@code Signal=5}
 * and {@code Duration=160} lines, as Cisco and most phones send) or {@code application/dtmf} (the
 * key alone, or the same {@code Signal=} form).
 */
public final class DtmfInfoBody {

  /** Duration assumed when the body gives none. */
  public static final Duration DEFAULT_DURATION = Duration.ofMillis(250);

  private DtmfInfoBody() {}

  /** Whether this decoder reads bodies of {@code contentType} (parameters ignored). */
  public static boolean understands(String contentType) {
    String type = mediaType(contentType);
    return type.equals("application/dtmf-relay") || type.equals("application/dtmf");
  }

  /**
   * The key in {@code body}.
   *
   * @throws MalformedMediaException naming what is wrong: unknown type, no signal, bad key, bad
   *     duration
   */
  public static DtmfDigit parse(String contentType, String body) {
    if (!understands(contentType)) {
      throw new MalformedMediaException("not a DTMF body type: " + contentType);
    }
    String text = body == null ? "" : body.trim();
    if (mediaType(contentType).equals("application/dtmf") && !text.contains("=")) {
      return new DtmfDigit(key(text), DEFAULT_DURATION);
    }
    String signal = null;
    Duration duration = DEFAULT_DURATION;
    for (String line : text.split("\r\n|\n|\r")) {
      int eq = line.indexOf('=');
      if (eq < 0) {
        if (!line.isBlank()) {
          throw new MalformedMediaException("DTMF body line without '=': " + line.trim());
        }
        continue;
      }
      String name = line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(eq + 1).trim();
      if (name.equals("signal")) {
        signal = value;
      } else if (name.equals("duration")) {
        try {
          long millis = Long.parseLong(value);
          if (millis < 0 || millis > 60_000) {
            throw new MalformedMediaException("DTMF Duration out of range: " + value);
          }
          duration = Duration.ofMillis(millis);
        } catch (NumberFormatException e) {
          throw new MalformedMediaException("DTMF Duration is not a number: " + value);
        }
      }
    }
    if (signal == null) {
      throw new MalformedMediaException("DTMF body has no Signal= line");
    }
    return new DtmfDigit(key(signal), duration);
  }

  private static char key(String signal) {
    if (signal.length() == 1 && DtmfDigit.isKey(Character.toUpperCase(signal.charAt(0)))) {
      return Character.toUpperCase(signal.charAt(0));
    }
    // some phones send the RFC 4733 event number: 10 for *, 11 for #
    if (signal.equals("10") || signal.equals("11")) {
      return DtmfDigit.keyOf(Integer.parseInt(signal));
    }
    throw new MalformedMediaException("not a DTMF key: \"" + signal + "\"");
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }
}
