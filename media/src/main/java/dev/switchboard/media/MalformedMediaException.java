package dev.switchboard.media;

/**
 * Input that is not what it claims to be (an RTP or RTCP packet, a WAV file, a DTMF body); the
 * message says what is wrong in words a log reader can act on.
 */
public class MalformedMediaException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** With the reason. */
  public MalformedMediaException(String message) {
    super(message);
  }
}
