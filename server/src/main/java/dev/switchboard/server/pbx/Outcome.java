package dev.switchboard.server.pbx;

import dev.switchboard.sip.message.SipResponse;
import java.util.List;

/** How a stage of a call failed, as forwarding rules see it. */
enum Outcome {
  /** A phone said busy or declined (486, 600, 603), or do-not-disturb is on. */
  BUSY,
  /** Rang and nobody answered (408, 480, the ring time ran out). */
  NO_ANSWER,
  /** No phone to ring, or an error. */
  UNAVAILABLE;

  static Outcome of(List<SipResponse> finals) {
    Outcome o = UNAVAILABLE;
    for (SipResponse r : finals) {
      int s = r.status();
      if (s == 486 || s == 600 || s == 603) {
        return BUSY;
      }
      if (s == 408 || s == 480 || s == 487) {
        o = NO_ANSWER;
      }
    }
    return o;
  }

  /** The RFC 5806 Diversion reason for a call forwarded because of this outcome. */
  String diversionReason() {
    return switch (this) {
      case BUSY -> "user-busy";
      case NO_ANSWER -> "no-answer";
      case UNAVAILABLE -> "unavailable";
    };
  }

  /** What the caller hears when nothing follows. */
  int status() {
    return switch (this) {
      case BUSY -> 486;
      case NO_ANSWER -> 480;
      case UNAVAILABLE -> 480;
    };
  }
}
