package dev.switchboard.server.location;

import java.util.concurrent.CompletionStage;

/**
 * The location service as the registrar writes it: updates of one AOR are applied one at a time and
 * completed only when durable, so a 200 OK is never sent for a binding a crash could lose.
 */
public interface LocationRegistry extends LocationService {

  /**
   * Applies {@code update} to {@code aor}'s bindings. Completes (on a writer thread) with {@link
   * BindingOutcome.Changed} once the new set is durable and visible to {@link #lookup}, at once
   * with {@link BindingOutcome.Refused}, or exceptionally when it could not be stored (then nothing
   * changed).
   */
  CompletionStage<BindingOutcome> update(String aor, BindingUpdate update);
}
