package dev.switchboard.sip.sigcomp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1 (RFC 3174), which SigComp uses for state identifiers, the UDVM and NACKs. */
final class Sha1 {
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java runtime has SHA-1", e);
            }
          });

  private Sha1() {}

  static byte[] of(byte[] data) {
    MessageDigest md = DIGEST.get();
    md.reset();
    return md.digest(data);
  }

  static byte[] of(byte[] data, int offset, int length) {
    MessageDigest md = DIGEST.get();
    md.reset();
    md.update(data, offset, length);
    return md.digest();
  }

  /**
   * A state identifier (RFC 3320 §9.4.9): the hash over state_length, state_address,
   * state_instruction, minimum_access_length (2 bytes each, MSB first) and state_value.
   */
  static byte[] stateIdentifier(
      int address, int instruction, int minimumAccessLength, byte[] value) {
    MessageDigest md = DIGEST.get();
    md.reset();
    byte[] head = {
      (byte) (value.length >> 8),
      (byte) value.length,
      (byte) (address >> 8),
      (byte) address,
      (byte) (instruction >> 8),
      (byte) instruction,
      (byte) (minimumAccessLength >> 8),
      (byte) minimumAccessLength
    };
    md.update(head);
    md.update(value);
    return md.digest();
  }
}
