package dev.switchboard.console;

import dev.switchboard.store.security.SecurityDesk;
import dev.switchboard.store.usage.Registrations;
import java.util.function.Supplier;

/**
 * What the console shows of the running node beyond the database: who is registered now, the SIP
 * edge's security record, and the metrics in Prometheus' text format. A node without SIP passes
 * {@link #NONE}.
 */
public record NodeState(
    Registrations registrations, SecurityDesk security, Supplier<String> prometheus) {

  public static final NodeState NONE =
      new NodeState(Registrations.NONE, SecurityDesk.NONE, () -> "");
}
