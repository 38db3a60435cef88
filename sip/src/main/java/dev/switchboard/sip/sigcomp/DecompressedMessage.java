package dev.switchboard.sip.sigcomp;

import java.net.InetAddress;

/**
 * A message that decompressed. Its state requests and feedback wait for the application: only once
 * it has authenticated the message and names the compartment (RFC 3320 §4.3) does {@link #commit}
 * save state and pass feedback on. Dropping the object saves nothing.
 */
public final class DecompressedMessage implements Decompression {
  private final SigCompEndpoint endpoint;
  private final UdvmResult result;
  private final byte[] returnedFeedbackItem;
  private final InetAddress source;
  private boolean committed;

  DecompressedMessage(
      SigCompEndpoint endpoint,
      UdvmResult result,
      byte[] returnedFeedbackItem,
      InetAddress source) {
    this.endpoint = endpoint;
    this.result = result;
    this.returnedFeedbackItem = returnedFeedbackItem;
    this.source = source;
  }

  /** The decompressed application message. */
  public byte[] message() {
    return result.output().clone();
  }

  /** UDVM cycles the message took. */
  public long cyclesUsed() {
    return result.cyclesUsed();
  }

  /**
   * The application vouches for the message: save its states in {@code compartment} (opened if new,
   * within the endpoint's bounds) and use its feedback. Call at most once.
   */
  public void commit(CompartmentId compartment) {
    if (committed) {
      throw new IllegalStateException("already committed");
    }
    committed = true;
    endpoint.commit(compartment, source, result, returnedFeedbackItem);
  }

  UdvmResult result() {
    return result;
  }
}
