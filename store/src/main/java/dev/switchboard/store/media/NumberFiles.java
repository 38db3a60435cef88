package dev.switchboard.store.media;

import dev.switchboard.store.InvalidValueException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One tenant's numbered service settings as {@code DOMAIN/NUMBER.properties} under a root, written
 * atomically (a temporary file moved into place) so a crash never leaves half a menu.
 */
final class NumberFiles {
  // Domains and numbers become path names: nothing that could climb out of the root.
  private static final Pattern DOMAIN = Pattern.compile("[a-z0-9][a-z0-9.\\-]{0,252}");
  static final Pattern NUMBER = Pattern.compile("[0-9]{2,16}");

  private final Path root;

  NumberFiles(Path root) {
    this.root = root;
  }

  Path dir(String domain) {
    String d = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
    if (!DOMAIN.matcher(d).matches() || d.contains("..")) {
      throw new InvalidValueException("domain", "not a domain name: " + domain);
    }
    return root.resolve(d);
  }

  /** The file of {@code number}, checked to be 2 to 16 digits. */
  Path file(String domain, String number, String suffix) {
    if (number == null || !NUMBER.matcher(number).matches()) {
      throw new InvalidValueException("number", "a number is 2 to 16 digits: " + number);
    }
    return dir(domain).resolve(number + suffix);
  }

  /** Whether {@code number} exists; false for what could not be a number. Only a stat. */
  boolean exists(String domain, String number) {
    try {
      return Files.isRegularFile(file(domain, number, ".properties"));
    } catch (InvalidValueException e) {
      return false;
    }
  }

  Optional<Properties> read(String domain, String number) {
    Path f = file(domain, number, ".properties");
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(p);
  }

  void write(String domain, String number, Properties p) {
    Path f = file(domain, number, ".properties");
    try {
      Files.createDirectories(f.getParent());
      Path next = f.resolveSibling(number + ".properties.next");
      try (Writer w = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
        p.store(w, null);
      }
      Files.move(next, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes {@code number} and its other files; false when there was none. */
  boolean delete(String domain, String number, String... otherSuffixes) {
    try {
      boolean existed = Files.deleteIfExists(file(domain, number, ".properties"));
      for (String s : otherSuffixes) {
        Files.deleteIfExists(file(domain, number, s));
      }
      return existed;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes of the files of {@code domain} whose names end in {@code suffix}. */
  long bytes(String domain, String suffix) {
    Path d = dir(domain);
    if (!Files.isDirectory(d)) {
      return 0;
    }
    long total = 0;
    try (Stream<Path> s = Files.list(d)) {
      for (Path f : s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList()) {
        try {
          total += Files.size(f);
        } catch (java.nio.file.NoSuchFileException gone) {
          // Deleted between the listing and the stat: it takes no room now.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return total;
  }

  /** The numbers {@code domain} has, in order. */
  List<String> numbers(String domain) {
    Path d = dir(domain);
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(d)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".properties"))
          .map(n -> n.substring(0, n.length() - ".properties".length()))
          .filter(n -> NUMBER.matcher(n).matches())
          .sorted()
          .forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
