package dev.switchboard.sip.sigcomp;

/**
 * What became of one received SigComp message: decompressed (and waiting for the application to
 * name its compartment), failed (with a NACK to send back), or it was the peer's NACK of a message
 * we sent.
 */
public sealed interface Decompression
    permits DecompressedMessage, Decompression.Failed, Decompression.NackReceived {

  /**
   * The message could not be decompressed; nothing was saved. Drop it (and over a stream, the
   * connection).
   *
   * @param nack an RFC 4077 NACK to send back to where the message came from (framed with {@link
   *     RecordMarking} on a stream); null when none is due
   */
  record Failed(DecompressionFailure failure, byte[] nack) implements Decompression {}

  /**
   * The peer could not decompress a message we sent; the compressor has adjusted. Over a reliable
   * transport the application should treat it as a transport error (RFC 4077 §2.3.2).
   *
   * @param compartment the compartment of the failed message; null when we do not know it
   */
  record NackReceived(Nack nack, CompartmentId compartment) implements Decompression {}
}
