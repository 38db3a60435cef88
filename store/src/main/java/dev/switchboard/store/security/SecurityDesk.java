package dev.switchboard.store.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the console shows and does on its Security page: the SIP edge's recent events, who is
 * blocked now, lifting a block, and the running totals. The SIP server implements it; a node
 * without SIP has {@link #NONE}.
 */
public interface SecurityDesk {

  /** The newest {@code limit} events, newest first. */
  List<SecurityEvent> events(int limit);

  /** The blocks in force at {@code now}, soonest to end first. */
  List<SecurityBlock> blocks(Instant now);

  /** Lifts block {@code id}; false when there is no such block. */
  boolean unblock(String id, String by);

  /** Running totals by name, e.g. {@code auth_failures}, {@code flood_blocks}. */
  Map<String, Long> counters();

  SecurityDesk NONE =
      new SecurityDesk() {
        @Override
        public List<SecurityEvent> events(int limit) {
          return List.of();
        }

        @Override
        public List<SecurityBlock> blocks(Instant now) {
          return List.of();
        }

        @Override
        public boolean unblock(String id, String by) {
          return false;
        }

        @Override
        public Map<String, Long> counters() {
          return Map.of();
        }
      };
}
