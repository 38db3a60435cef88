package dev.switchboard.server.proxy;

import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import java.util.List;

/**
 * What a {@link TargetResolver} wants done with one call beyond its first targets, asked by the
 * proxy's response context (Kamailio's failure_route): more targets when every branch failed, the
 * targets a 3xx Contact in one of our domains stands for. Called under the context's lock: it must
 * be quick and never block.
 */
public interface CallPlan {

  /** No plan: the proxy behaves as RFC 3261 alone says. */
  CallPlan NONE = new CallPlan() {};

  /** The context that runs the call, handed over before its first branch goes out. */
  default void attach(Branching call) {}

  /** A branch answered 2xx (relayed upstream); run outside the context's lock. */
  default void answered(SipResponse response) {}

  /**
   * Every branch so far failed; {@code finals} are the final responses since the last call (the
   * branches of the stage that just ended). Returns the targets to try next, or an empty list to
   * give up and send the caller the best response.
   */
  default List<Target> onFailure(List<SipResponse> finals) {
    return List.of();
  }

  /**
   * A branch answered 3xx with {@code contact}: the targets it stands for when it names one of our
   * users (their registered contacts, not a DNS lookup of our domain), or null to use the Contact
   * as it is.
   */
  default List<Target> onRedirect(SipUri contact) {
    return null;
  }

  /**
   * The mailbox that takes the call once nothing more rings (forwarding said {@code voicemail}), or
   * null: the caller then gets the best response.
   */
  default Mailbox voicemail() {
    return null;
  }

  /**
   * The voicemail box of extension {@code user@domain}: a caller leaves a message, or with {@code
   * retrieval} its owner listens to them (a feature code such as *97 names it so).
   */
  record Mailbox(String domain, String user, boolean retrieval) {
    /** A box a caller leaves a message in. */
    public Mailbox(String domain, String user) {
      this(domain, user, false);
    }

    /** The owner's own box, to listen to its messages. */
    public static Mailbox retrieval(String domain, String owner) {
      return new Mailbox(domain, owner, true);
    }
  }
}
