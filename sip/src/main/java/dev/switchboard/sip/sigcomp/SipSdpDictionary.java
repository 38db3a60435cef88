package dev.switchboard.sip.sigcomp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SIP/SDP static dictionary of RFC 3485, every SIP/SigComp endpoint's locally available state
 * (RFC 5049 §3.5): 4836 bytes — a string part of common SIP and SDP words, then a table of their
 * lengths and offsets — built from the RFC's own hex dump and checked against its identifier.
 */
public final class SipSdpDictionary {
  /** The state identifier RFC 3485 §3 gives for the dictionary. */
  public static final String STATE_IDENTIFIER = "fbe507dfe5e6aa5af2abb914ceaa05f99ce61ba5";

  /** The string part, {@code [0, STRINGS_LENGTH)}; the table follows it (RFC 3485 §3). */
  static final int STRINGS_LENGTH = 0x0D8C;

  private static final StateItem STATE = load();
  private static final java.util.Map<Integer, byte[]> STRINGS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private SipSdpDictionary() {}

  /** The dictionary as a state item: address 0, instruction 0, minimum access length 6. */
  public static StateItem state() {
    return STATE;
  }

  /** The first six bytes of the identifier, which a message sends to reach the dictionary. */
  static byte[] partialId() {
    return STATE.partialId(6);
  }

  /** The string part from {@code begin} to its end; shared, so never to be written. */
  static byte[] strings(int begin) {
    return STRINGS.computeIfAbsent(
        begin, b -> Arrays.copyOfRange(STATE.value(), b, STRINGS_LENGTH));
  }

  /**
   * Where the strings of priorities 1 to {@code p} begin (RFC 3485 §3): the dictionary keeps its
   * most useful strings last, so a compressor short of memory loads a suffix of the string part.
   */
  static int stringsFromPriority(int p) {
    return switch (p) {
      case 1 -> 0x0CB2;
      case 2 -> 0x0920;
      case 3 -> 0x07B8;
      case 4 -> 0x0085;
      default -> 0;
    };
  }

  private static StateItem load() {
    byte[] value = new byte[0x12E4];
    int length = 0;
    try (InputStream in = SipSdpDictionary.class.getResourceAsStream("rfc3485-dictionary.txt")) {
      if (in == null) {
        throw new IllegalStateException("rfc3485-dictionary.txt is missing from the classpath");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int offset = Integer.parseInt(line.substring(0, 4), 16);
        if (offset != length) {
          throw new IllegalStateException("dictionary dump skips from " + length + " to " + offset);
        }
        byte[] bytes = HexFormat.of().parseHex(line.substring(4).replace(" ", ""));
        System.arraycopy(bytes, 0, value, length, bytes.length);
        length += bytes.length;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StateItem item = StateItem.of(0, 0, 6, Arrays.copyOf(value, length));
    String id = HexFormat.of().formatHex(item.id());
    if (!id.equals(STATE_IDENTIFIER)) {
      throw new IllegalStateException("RFC 3485 dictionary has identifier " + id);
    }
    return item;
  }
}
