package dev.switchboard.store.testing;

import dev.switchboard.store.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes test databases: H2 files in a temporary directory, and schemas in the PostgreSQL cluster
 * named by {@code SWITCHBOARD_TEST_PG_URL} (started by scripts/test.sh).
 */
public final class TestDatabases {

  public static final String PG_URL = "SWITCHBOARD_TEST_PG_URL";

  private TestDatabases() {}

  /** An embedded H2 database under {@code dataDir}, exactly as {@code serve --data} opens it. */
  public static TestDatabase h2(Path dataDir) {
    DatabaseSettings settings = DatabaseSettings.embedded(dataDir);
    return new TestDatabase() {
      @Override
      public DatabaseSettings settings() {
        return settings;
      }

      @Override
      public String kind() {
        return "h2";
      }

      @Override
      public void close() {}
    };
  }

  /**
   * A new, empty schema in the test PostgreSQL cluster. Without the cluster the test fails under
   * {@code CI=true} (so CI can never pass by skipping) and is skipped with a message otherwise.
   */
  public static TestDatabase postgres() {
    String url = System.getenv(PG_URL);
    if (url == null || url.isBlank()) {
      String message =
          PG_URL
              + " is not set: run the tests through scripts/test.sh, or `source"
              + " scripts/pg-test-cluster.sh; pg_test_start` first";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("PostgreSQL tests cannot run under CI=true: " + message);
      }
      Assumptions.abort(message);
    }
    String user = System.getenv("SWITCHBOARD_TEST_PG_USER");
    String password = System.getenv("SWITCHBOARD_TEST_PG_PASSWORD");
    String schema = "sbtest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute(url, user, password, "CREATE SCHEMA " + schema);
    DatabaseSettings settings =
        new DatabaseSettings(
            url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
    return new TestDatabase() {
      @Override
      public DatabaseSettings settings() {
        return settings;
      }

      @Override
      public String kind() {
        return "postgresql";
      }

      @Override
      public void close() {
        execute(url, user, password, "DROP SCHEMA " + schema + " CASCADE");
      }
    };
  }

  private static void execute(String url, String user, String password, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test PostgreSQL at " + url + ": " + e.getMessage(), e);
    }
  }
}
