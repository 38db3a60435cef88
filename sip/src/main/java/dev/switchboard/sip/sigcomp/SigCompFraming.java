package dev.switchboard.sip.sigcomp;

/**
 * Telling SigComp from plain SIP on a shared port (RFC 3320 §3.1, RFC 5049 §4): a SigComp message
 * starts with five 1-bits, which UTF-8 text never does. Over UDP the test is per datagram; over TCP
 * per connection, on its first byte — then every message is record-marked.
 */
public final class SigCompFraming {
  private SigCompFraming() {}

  /** Whether a datagram (or a stream's first byte) is SigComp: first byte {@code 11111xxx}. */
  public static boolean isSigComp(byte first) {
    return SigCompMessage.isSigCompByte(first);
  }

  /** Whether a datagram is a SigComp message rather than a SIP message. */
  public static boolean isSigComp(byte[] datagram) {
    return datagram.length > 0 && isSigComp(datagram[0]);
  }
}
