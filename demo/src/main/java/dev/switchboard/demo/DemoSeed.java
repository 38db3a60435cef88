package dev.switchboard.demo;

import dev.switchboard.store.Database;

/** One department's part of the demo: writes its tables from the shared story, once. */
public interface DemoSeed {

  /** Writes this department's demo rows unless they are already there (demo runs repeatedly). */
  void seed(Database db, DemoHistory history);
}
