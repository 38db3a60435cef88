package dev.switchboard.store.media;

import dev.switchboard.store.InvalidValueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Each tenant's uploaded hold music under the data directory, {@code DOMAIN.wav}. */
public final class HoldMusicFiles {
  // Domains become file names: nothing that could climb out of the root.
  private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9._\\-]{0,252}");

  private final Path root;

  public HoldMusicFiles(Path root) {
    this.root = root;
  }

  private Path file(String domain) {
    String d = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
    if (!SAFE.matcher(d).matches() || d.contains("..")) {
      throw new InvalidValueException("domain", "not a domain name: " + domain);
    }
    return root.resolve(d + ".wav");
  }

  /** The tenant's own hold music, if it uploaded one. */
  public Optional<Path> music(String domain) {
    Path f = file(domain);
    return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
  }

  /** Bytes of the tenant's own hold music on disk; zero when it uploaded none. */
  public long bytes(String domain) {
    try {
      return Files.size(file(domain));
    } catch (java.nio.file.NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stores {@code wav} as the tenant's hold music, replacing any before it whole. */
  public void save(String domain, InputStream wav) {
    Path f = file(domain);
    Path next = f.resolveSibling(f.getFileName() + ".next");
    try {
      Files.createDirectories(root);
      Files.copy(wav, next, StandardCopyOption.REPLACE_EXISTING);
      Files.move(next, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the tenant's hold music (the default plays again); false when there was none. */
  public boolean delete(String domain) {
    try {
      return Files.deleteIfExists(file(domain));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
