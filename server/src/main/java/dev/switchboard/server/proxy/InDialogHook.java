package dev.switchboard.server.proxy;

import dev.switchboard.sip.message.SipRequest;

/**
 * Sees each request inside a dialog before the proxy forwards it (music on hold): it may rewrite
 * the request's body, and returns the plan that hears the request's 2xx. {@link #NONE} changes
 * nothing.
 */
@FunctionalInterface
public interface InDialogHook {
  InDialogHook NONE = request -> CallPlan.NONE;

  /** Called on a SIP thread: quick, never blocking. */
  CallPlan forwarding(SipRequest request);
}
