package dev.switchboard.sip.sigcomp;

/**
 * What became of one outgoing message: a SigComp message to send (framed with {@link RecordMarking}
 * on a stream), or a compression failure (RFC 3320 §5.2) — the application then sends the message
 * uncompressed.
 */
public sealed interface Compression {

  /**
   * @param message the SigComp message; {@code uploadedBytecode} when it carries our bytecode
   */
  record Compressed(byte[] message, boolean uploadedBytecode) implements Compression {}

  /** The message could not be compressed within the peer's resources. */
  record Uncompressed(String reason) implements Compression {}
}
