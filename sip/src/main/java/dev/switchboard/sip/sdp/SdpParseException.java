package dev.switchboard.sip.sdp;

/**
 * A session description that could not be parsed, naming the offending line.
 *
 * <p>Checked on purpose: SDP arrives from remote peers, and a caller must decide what to answer
 * (typically 488 Not Acceptable Here or 400) rather than let a malformed body unwind the stack.
 */
public final class SdpParseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int lineNumber;

  /**
   * @param lineNumber the 1-based line the problem was found on, or 0 when it concerns the whole
   *     text
   * @param problem what is wrong, without the line number
   */
  public SdpParseException(int lineNumber, String problem) {
    super(lineNumber > 0 ? "line " + lineNumber + ": " + problem : problem);
    this.lineNumber = lineNumber;
  }

  /** The 1-based line number of the problem, or 0 when it concerns the text as a whole. */
  public int lineNumber() {
    return lineNumber;
  }
}
