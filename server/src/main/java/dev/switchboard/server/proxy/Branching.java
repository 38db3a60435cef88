package dev.switchboard.server.proxy;

import java.util.List;

/** A call being proxied, as services outside the proxy may steer it (call pickup adds a branch). */
public interface Branching {

  String callId();

  /** The caller's From tag. */
  String callerTag();

  /**
   * Starts {@code targets} at once, beside the branches ringing now. False when the call has been
   * answered, cancelled or given up already.
   */
  boolean add(List<Target> targets);
}
