package dev.switchboard.server.usage;

import java.util.List;

/** Where a batch of usage events goes: one database transaction per call. */
@FunctionalInterface
interface UsageBatchTarget {
  void write(List<UsageEvent> batch);
}
