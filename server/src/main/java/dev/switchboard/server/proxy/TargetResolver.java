package dev.switchboard.server.proxy;

import dev.switchboard.server.directory.Subscriber;
import dev.switchboard.server.edge.AuthenticatedCaller;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.transaction.ServerTransaction;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Decides where an initial request to one of our domains goes, where the proxy would otherwise ask
 * the location service: a PBX's dial plan, forwarding and groups plug in here. Never blocks; a
 * lookup completes the stage later.
 */
public interface TargetResolver {

  /**
   * One initial request to route.
   *
   * @param request the copy that will be forwarded (Route to us removed, Max-Forwards lowered)
   * @param ruri its Request-URI
   * @param domain the Request-URI's domain, one of ours
   * @param caller who sent it, when it proved to be one of our subscribers; else null
   * @param tracker the proxy's call records, to say how the call was routed
   * @param callee the extension the Request-URI names as the subscriber directory knows it, or null
   *     (a group, an outside number, nobody)
   */
  record Request(
      ServerTransaction tx,
      SipRequest request,
      SipUri ruri,
      String domain,
      AuthenticatedCaller caller,
      CallTracker tracker,
      Subscriber callee) {}

  /** What to do with the request. */
  sealed interface Resolution {

    /** Forward to {@code targets} and let {@code plan} steer the rest. */
    record Proceed(List<Target> targets, CallPlan plan) implements Resolution {}

    /** Answer {@code status} (404, 480, a feature code's result …) without forwarding. */
    record Answer(int status, String reason) implements Resolution {}

    /**
     * Hand the call to {@code user}'s own voicemail (the caller dialled its mailbox's feature
     * code): the {@link UnreachableTarget} takes it, or the proxy answers 480.
     */
    record Voicemail(String user) implements Resolution {}

    /** Not for the resolver: the proxy looks the user up in the location service itself. */
    record Default() implements Resolution {}
  }

  CompletionStage<Resolution> resolve(Request request);

  /**
   * Whether a call from a caller whose account or tenant is not admitted (suspended, say for
   * billing) may still go through: emergency numbers always do.
   */
  default boolean alwaysAllowed(String callerDomain, SipUri ruri) {
    return false;
  }
}
