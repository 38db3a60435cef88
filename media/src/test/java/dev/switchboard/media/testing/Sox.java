package dev.switchboard.media.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Debian's {@code sox}, an independent implementation of G.711 and WAV, to make and check
 * reference audio. Missing sox fails the test under {@code CI=true} and skips it elsewhere.
 */
public final class Sox {

  private Sox() {}

  /** The sox binary, or abort/fail as described above. */
  public static Path require() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "sox");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String message = "sox is not installed (Debian package sox)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message + "; CI must install it (scripts/test.sh does)");
    }
    Assumptions.abort(message);
    throw new IllegalStateException("unreachable");
  }

  /**
   * Runs sox with {@code args}; returns what it printed (stdout and stderr), fails on non-zero
   * exit.
   */
  public static String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(require().toString());
    command.addAll(Arrays.asList(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        Assertions.fail("sox did not finish: " + command);
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        Assertions.fail("sox exited " + process.exitValue() + " for " + command + ":\n" + text);
      }
      return text;
    } finally {
      process.destroyForcibly();
    }
  }
}
