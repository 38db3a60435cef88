package dev.switchboard.console.churn;

import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;

/** The churn API over PostgreSQL (skipped without the test cluster, required under CI). */
class ChurnApiPostgresTest extends ChurnApiContract {

  @Override
  TestDatabase database() {
    return TestDatabases.postgres();
  }
}
