package dev.switchboard.store;

import java.sql.SQLException;

/** Reads the portable SQLSTATE out of a JDBI failure (H2 and PostgreSQL agree on these codes). */
public final class SqlErrors {

  private static final String UNIQUE_VIOLATION = "23505";

  private SqlErrors() {}

  public static boolean isUniqueViolation(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
