package dev.switchboard.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's directory, kept private to the user that runs the server: created {@code
 * 0700}, its files set to {@code 0600} after the database opens and again when it closes (Java has
 * no umask, so H2's files are fixed after the fact); an existing directory others can enter is
 * reported, not changed, since the operator may have reasons.
 */
final class DataDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private final Path dir;
  private final boolean posix;

  private DataDirectory(Path dir, boolean posix) {
    this.dir = dir;
    this.posix = posix;
  }

  /** Creates {@code dir} owner-only, or warns when an existing one is more open than that. */
  static DataDirectory prepare(Path dir) {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try {
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
          Files.setPosixFilePermissions(dir, OWNER_DIR); // whatever the umask took away or added
        } else {
          Files.createDirectories(dir);
        }
      } else if (posix) {
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
        if (now.stream().anyMatch(OTHERS::contains)) {
          LOG.warn(
              "data directory {} is more open than 0700 ({}): other users may read the database;"
                  + " chmod 700 {}",
              dir.toAbsolutePath(),
              PosixFilePermissions.toString(now),
              dir.toAbsolutePath());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dir, e);
    }
    return new DataDirectory(dir, posix);
  }

  /** Sets every file under the directory to {@code 0600}. */
  void tighten() {
    if (!posix) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir, 2)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        try {
          if (!Files.getPosixFilePermissions(f).equals(OWNER_FILE)) {
            Files.setPosixFilePermissions(f, OWNER_FILE);
          }
        } catch (IOException e) {
          LOG.warn("cannot make {} private to its owner: {}", f, e.toString());
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list data directory {}: {}", dir, e.toString());
    }
  }

  /** Files the database wrote while open (temporary, trace) are tightened once more. */
  @Override
  public void close() {
    tighten();
  }
}
