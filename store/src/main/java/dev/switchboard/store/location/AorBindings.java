package dev.switchboard.store.location;

import java.util.List;

/** The complete set of bindings an address of record has after a change; empty removes them all. */
public record AorBindings(String aor, List<StoredBinding> bindings) {
  public AorBindings {
    bindings = List.copyOf(bindings);
  }
}
