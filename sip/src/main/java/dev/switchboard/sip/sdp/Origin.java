package dev.switchboard.sip.sdp;

import java.math.BigInteger;

/**
 * The {@code o=} line: who created the session and which version of its description this is.
 *
 * <p>Session id and version are unsigned 64-bit numbers held as {@link BigInteger} so that any
 * value a peer sends is kept without overflow; leading zeros are not preserved.
 */
public record Origin(
    String username,
    BigInteger sessionId,
    BigInteger sessionVersion,
    String netType,
    String addrType,
    String address) {

  public Origin {
    Grammar.requireNonWhitespace(username, "o= username");
    Grammar.requireUnsigned64(sessionId, "o= session id");
    Grammar.requireUnsigned64(sessionVersion, "o= session version");
    Grammar.requireToken(netType, "o= network type");
    Grammar.requireToken(addrType, "o= address type");
    Grammar.requireNonWhitespace(address, "o= address");
  }

  /**
   * An {@code IN} origin with address type guessed from the address ({@code IP6} if it has a
   * colon).
   */
  public static Origin of(String username, long sessionId, long sessionVersion, String address) {
    return new Origin(
        username,
        BigInteger.valueOf(sessionId),
        BigInteger.valueOf(sessionVersion),
        "IN",
        Connection.addrTypeOf(address),
        address);
  }

  /** The same origin with another version; RFC 3264 §8 keeps every other field fixed. */
  public Origin withSessionVersion(BigInteger version) {
    return new Origin(username, sessionId, version, netType, addrType, address);
  }

  static Origin parse(String value) {
    String[] f = Grammar.fields(value, "o=");
    if (f.length != 6) {
      throw new IllegalArgumentException(
          "o= needs 6 fields (username sess-id sess-version nettype addrtype address), found "
              + f.length);
    }
    return new Origin(
        f[0],
        Grammar.requireUnsigned64(f[1], "o= session id"),
        Grammar.requireUnsigned64(f[2], "o= session version"),
        f[3],
        f[4],
        f[5]);
  }

  String format() {
    return username
        + ' '
        + sessionId
        + ' '
        + sessionVersion
        + ' '
        + netType
        + ' '
        + addrType
        + ' '
        + address;
  }
}
