package dev.switchboard.server.location;

import java.time.Instant;
import java.util.List;

/**
 * A change to one address of record, computed from its current unexpired bindings. It runs while
 * that AOR is locked, so it must be quick and pure: no I/O, no blocking.
 */
@FunctionalInterface
public interface BindingUpdate {

  /** Leaves the bindings as they are (a query, or a sweep that only drops expired ones). */
  BindingUpdate NONE = (current, now) -> new BindingOutcome.Changed(current, List.of());

  BindingOutcome apply(List<Binding> current, Instant now);
}
