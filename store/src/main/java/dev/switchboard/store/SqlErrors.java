package dev.switchboard.store;

import java.sql.SQLException;

/** Reads the portable SQLSTATE out of a JDBI failure (H2 and PostgreSQL agree on these codes). */
public final class SqlErrors {

  private static final String UNIQUE_VIOLATION = "23505";

  private SqlErrors() {}

  public static boolean isUniqueViolation(Throwable t) {
    String state = sqlState(t);
    return UNIQUE_VIOLATION.equals(state);
  }

  /**
   * True when the database refused a value itself (SQLSTATE class 22: out of range, too long, bad
   * date): input the code let through that does not fit a column, not a broken server.
   */
  public static boolean isDataException(Throwable t) {
    String state = sqlState(t);
    return state != null && state.startsWith("22");
  }

  private static String sqlState(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }
}
