package dev.switchboard.sip.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * The media direction attributes of RFC 8866 §6.7 (RFC 3264 §5.1), seen from the description's
 * author.
 */
public enum Direction {
  SENDRECV(true, true),
  SENDONLY(true, false),
  RECVONLY(false, true),
  INACTIVE(false, false);

  private final boolean sends;
  private final boolean receives;

  Direction(boolean sends, boolean receives) {
    this.sends = sends;
    this.receives = receives;
  }

  /** The attribute name, e.g. {@code sendonly}. */
  public String attributeName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean sends() {
    return sends;
  }

  public boolean receives() {
    return receives;
  }

  /** The direction with the given send and receive abilities. */
  public static Direction of(boolean sends, boolean receives) {
    if (sends) {
      return receives ? SENDRECV : SENDONLY;
    }
    return receives ? RECVONLY : INACTIVE;
  }

  /** The same stream seen from the other end: sendonly becomes recvonly and vice versa. */
  public Direction reversed() {
    return of(receives, sends);
  }

  /** Keeps only what both directions allow. */
  public Direction intersect(Direction other) {
    return of(sends && other.sends, receives && other.receives);
  }

  /** This direction without receiving, as when the peer has nowhere to send to. */
  public Direction withoutReceiving() {
    return of(sends, false);
  }

  /** This direction without sending. */
  public Direction withoutSending() {
    return of(false, receives);
  }

  /**
   * The answer to an offered direction, given what the answerer is willing to do (RFC 3264 §6.1):
   * the answerer sends only if the offerer receives, and receives only if the offerer sends.
   */
  public static Direction answerTo(Direction offered, Direction local) {
    return offered.reversed().intersect(local);
  }

  /** The direction an attribute name stands for, if it is one of the four. */
  public static Optional<Direction> fromAttributeName(String name) {
    for (Direction d : values()) {
      if (d.attributeName().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
