package dev.switchboard.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the system of record lives: a JDBC URL with optional credentials.
 *
 * @param url JDBC URL, {@code jdbc:h2:…} for the embedded default or {@code jdbc:postgresql:…}
 * @param user database user, may be null
 * @param password database password, may be null; never logged
 */
public record DatabaseSettings(String url, String user, String password) {

  /** H2 options that let the PostgreSQL migrations run unchanged. */
  static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  public DatabaseSettings {
    Objects.requireNonNull(url, "url");
    if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "unsupported database URL (use jdbc:h2: or jdbc:postgresql:)");
    }
  }

  /** The embedded default: an H2 file database inside {@code dataDir}. */
  public static DatabaseSettings embedded(Path dataDir) {
    Path file = dataDir.toAbsolutePath().normalize().resolve("switchboard");
    return new DatabaseSettings("jdbc:h2:file:" + file + H2_OPTIONS, "sa", "");
  }

  public boolean isEmbedded() {
    return url.startsWith("jdbc:h2:");
  }

  /** The URL without any credentials a user may have put in its query string. */
  public String redactedUrl() {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url=" + redactedUrl() + ", user=" + user + "]";
  }
}
