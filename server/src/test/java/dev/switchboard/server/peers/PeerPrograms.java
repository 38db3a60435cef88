package dev.switchboard.server.peers;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Finds the real programs the peers run and the repository files they read. */
final class PeerPrograms {

  private PeerPrograms() {}

  /**
   * The program {@code name} on the PATH (or in /usr/sbin, which is often not on a user's PATH).
   * Under {@code CI=true} a missing program fails the test; elsewhere the test is skipped.
   */
  static Path require(String name, String debianPackage) {
    List<String> dirs =
        new ArrayList<>(
            Arrays.asList(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.add("/usr/sbin");
    Optional<Path> found =
        dirs.stream()
            .filter(d -> !d.isEmpty())
            .map(d -> Path.of(d, name))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isEmpty()) {
      String message = name + " is not installed (Debian package " + debianPackage + ")";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message + "; CI must install it (scripts/test.sh does)");
      }
      Assumptions.abort(message);
    }
    return found.get();
  }

  /** A file of the repository, found by walking up from the module's working directory. */
  static Path repositoryFile(String relative) {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 5 && dir != null; i++, dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
  }

  /** A UDP port on 127.0.0.1 that was free a moment ago. */
  static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /** The last {@code max} characters of {@code file}, or "" when it does not exist. */
  static String tail(Path file, int max) {
    try {
      if (!Files.exists(file)) {
        return "";
      }
      String s = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
      return s.length() <= max ? s : s.substring(s.length() - max);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops the process we started, politely first (its children go with it), then by force. */
  static void stop(Process process, long graceMillis) {
    if (!process.isAlive()) {
      return;
    }
    // Its workers are our descendants too; remember them so none outlives a forced stop.
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(graceMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Removes {@code dir} and everything under it, quietly: it only ever holds a peer's own files.
   */
  static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // Left for the system's temporary-file cleanup.
    }
  }
}
