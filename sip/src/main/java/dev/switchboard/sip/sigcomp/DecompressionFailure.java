package dev.switchboard.sip.sigcomp;

import java.util.Arrays;

/**
 * A SigComp message that could not be decompressed (RFC 3320 §8.7): the reason, where in the
 * bytecode it happened and the RFC 4077 details. The only exception the decompressor throws.
 */
public final class DecompressionFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final NackReason reason;
  private final int opcode;
  private final int pc;
  private final byte[] details;

  public DecompressionFailure(NackReason reason, String message) {
    this(reason, message, 0, 0, new byte[0]);
  }

  public DecompressionFailure(
      NackReason reason, String message, int opcode, int pc, byte[] details) {
    // No stack trace: failures are expected traffic (and hostile traffic is built to cause them).
    super(reason + ": " + message, null, false, false);
    this.reason = reason;
    this.opcode = opcode;
    this.pc = pc;
    this.details = details.clone();
  }

  public NackReason reason() {
    return reason;
  }

  /** The opcode of the failing instruction; 0 when the UDVM had not started. */
  public int opcode() {
    return opcode;
  }

  /** The address of the failing instruction; 0 when the UDVM had not started. */
  public int pc() {
    return pc;
  }

  /** The RFC 4077 error details (a state identifier, cycles per bit or memory size), or empty. */
  public byte[] details() {
    return details.clone();
  }

  @Override
  public String toString() {
    return "DecompressionFailure["
        + getMessage()
        + (pc == 0 ? "" : " at " + pc + " opcode " + opcode)
        + (details.length == 0 ? "" : " details " + Arrays.toString(details))
        + "]";
  }
}
