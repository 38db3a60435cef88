package dev.switchboard.store.pbx;

import dev.switchboard.store.InvalidValueException;

/**
 * A group's call queue: when enabled, the server answers a call to the group, plays the tenant's
 * hold music and rings the members for the callers in arrival order; a caller waits at most {@code
 * maxWaitSeconds} (then the group's final destination) and at most {@code maxCallers} wait at once
 * (the next caller is refused busy).
 */
public record GroupQueue(boolean enabled, int maxWaitSeconds, int maxCallers) {

  /** A group without a queue: its members ring as the caller's phone rings. */
  public static final GroupQueue OFF = new GroupQueue(false, 120, 10);

  public static final int MAX_WAIT_SECONDS = 3600;
  public static final int MAX_CALLERS = 100;

  public GroupQueue {
    if (maxWaitSeconds < 5 || maxWaitSeconds > MAX_WAIT_SECONDS) {
      throw new InvalidValueException(
          "queue.maxWaitSeconds", "queue.maxWaitSeconds must be between 5 and " + MAX_WAIT_SECONDS);
    }
    if (maxCallers < 1 || maxCallers > MAX_CALLERS) {
      throw new InvalidValueException(
          "queue.maxCallers", "queue.maxCallers must be between 1 and " + MAX_CALLERS);
    }
  }
}
