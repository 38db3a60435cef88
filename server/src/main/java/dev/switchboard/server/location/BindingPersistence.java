package dev.switchboard.server.location;

import java.time.Instant;
import java.util.List;

/**
 * Where bindings are kept durably: the node's own {@link BindingJournal}, or Redis or the like when
 * nodes share one location service. Called from one writer thread, never from I/O threads.
 */
public interface BindingPersistence extends AutoCloseable {

  /** The bindings unexpired at {@code now}, for loading at start. */
  List<Binding> loadUnexpired(Instant now);

  /** Writes the snapshots atomically (one transaction); the last snapshot of an AOR wins. */
  void write(List<AorSnapshot> snapshots);

  /** Removes every binding expired at {@code now}; returns how many. */
  int deleteExpired(Instant now);

  /**
   * Called on the writer thread after each written batch has been acknowledged, with a view of the
   * acknowledged binding sets: a persistence that compacts or checkpoints does it from here.
   */
  default void maintain(Iterable<AorSnapshot> durable, Instant now) {}

  /** Releases files or connections; nothing is written after it. */
  @Override
  default void close() {}
}
