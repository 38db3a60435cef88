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

  /**
   * H2 options: the first three let the PostgreSQL migrations run unchanged; WRITE_DELAY=0 makes
   * every commit write its chunk to the file before the commit returns (H2's default writes in the
   * background every 500 ms, so a {@code kill -9} could take an acknowledged commit with it).
   */
  static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";

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

  /**
   * The file an embedded database keeps its data in ({@code <path>.mv.db}), or null for an
   * in-memory H2 or a server database.
   */
  public Path embeddedFile() {
    if (!isEmbedded()) {
      return null;
    }
    String rest = url.substring("jdbc:h2:".length());
    int semi = rest.indexOf(';');
    String name = semi < 0 ? rest : rest.substring(0, semi);
    if (name.startsWith("mem:") || name.startsWith("tcp:") || name.startsWith("ssl:")) {
      return null;
    }
    if (name.startsWith("file:")) {
      name = name.substring("file:".length());
    }
    return Path.of(name + ".mv.db").toAbsolutePath().normalize();
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
