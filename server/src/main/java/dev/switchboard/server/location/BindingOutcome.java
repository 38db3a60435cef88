package dev.switchboard.server.location;

import java.util.List;

/** What a {@link BindingUpdate} decided: the AOR's new complete binding set, or a refusal. */
public sealed interface BindingOutcome {

  /** The new bindings (all of them) and what changed; no changes means nothing is written. */
  record Changed(List<Binding> bindings, List<BindingChange> changes) implements BindingOutcome {
    public Changed {
      bindings = List.copyOf(bindings);
      changes = List.copyOf(changes);
    }
  }

  /** The update must not happen; answer {@code status} with {@code reason}. */
  record Refused(int status, String reason) implements BindingOutcome {}
}
