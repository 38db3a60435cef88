package dev.switchboard.server.location;

import java.time.Instant;
import java.util.List;

/**
 * Where bindings are kept durably: a database through the store module today, Redis or the like
 * when nodes share one location service. Called from one writer thread, never from I/O threads.
 */
public interface BindingPersistence {

  /** The bindings unexpired at {@code now}, for loading at start. */
  List<Binding> loadUnexpired(Instant now);

  /** Writes the snapshots atomically (one transaction); the last snapshot of an AOR wins. */
  void write(List<AorSnapshot> snapshots);

  /** Removes every binding expired at {@code now}; returns how many. */
  int deleteExpired(Instant now);
}
