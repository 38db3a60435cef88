package dev.switchboard.server.proxy;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;

/**
 * Follows the INVITE calls through the proxy branch by branch, for dialog state (busy lamps, call
 * pickup, who is on the phone). Called outside the proxy's locks; implementations must not block.
 */
public interface CallObserver {

  CallObserver NONE = new CallObserver() {};

  /** An initial INVITE of ours starts ringing targets; {@code call} can take more branches. */
  default void started(Branching call, SipRequest invite) {}

  /** A branch of the call went out to {@code target}. */
  default void branch(Branching call, Target target, SipRequest forwarded) {}

  /** A branch answered (provisional, 2xx or a final failure). */
  default void response(Branching call, Target target, SipResponse response) {}

  /** The call is over: failed, cancelled, or ended by a BYE or the call limit. */
  default void ended(String callId, String callerTag) {}
}
