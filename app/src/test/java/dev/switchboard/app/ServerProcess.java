package dev.switchboard.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code switchboard} child JVM on the test class path, stopped with {@link #kill()}. */
public final class ServerProcess implements AutoCloseable {

  private static final Pattern URL = Pattern.compile("console and API: (http://\\S+?)/?$");

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final Path log;

  private ServerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException ignored) {
                // the process died; the reader simply ends
              }
            },
            "child-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * {@code serve} on loopback with ephemeral HTTP and SIP ports over {@code data}, plus {@code
   * more}.
   */
  public static List<String> serveArgs(Path data, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "serve",
                "--bind",
                "127.0.0.1",
                "--http-port",
                "0",
                "--sip-port",
                "0",
                "--data",
                data.toString()));
    args.addAll(List.of(more));
    return args;
  }

  /** Starts {@code switchboard ARGS…} with its stderr in {@code log}. */
  public static ServerProcess start(Path log, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
    // The test decides the database, not the environment it happens to run in.
    pb.environment().remove("SWITCHBOARD_DB_URL");
    pb.environment().remove("SWITCHBOARD_DB_USER");
    pb.environment().remove("SWITCHBOARD_DB_PASSWORD");
    pb.environment().remove("SWITCHBOARD_ADMIN_TOKEN");
    return new ServerProcess(pb.start(), log);
  }

  /** Waits for the line that names the HTTP URL and returns the URL. */
  public String awaitUrl(long timeoutSeconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        seen.add(line);
        Matcher m = URL.matcher(line.trim());
        if (m.find()) {
          return m.group(1);
        }
      } else if (!process.isAlive()) {
        break;
      }
    }
    throw new AssertionError(
        "server did not print its URL; stdout: " + seen + "; stderr in " + log);
  }

  /** Waits for a line matching {@code pattern} and returns its first group. */
  public String awaitLine(Pattern pattern, long timeoutSeconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    for (String line : output()) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        seen.add(line);
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m.group(1);
        }
      } else if (!process.isAlive()) {
        break;
      }
    }
    throw new AssertionError("no line matching " + pattern + "; stdout: " + seen + "; log " + log);
  }

  /** Lines printed so far (after {@link #awaitUrl} plus whatever arrived since). */
  public List<String> output() {
    lines.drainTo(seen);
    return seen;
  }

  /** Waits for the process to end by itself and returns its exit code. */
  public int awaitExit(long timeoutSeconds) throws InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      throw new AssertionError("still running after " + timeoutSeconds + " s; log " + log);
    }
    return process.exitValue();
  }

  public long pid() {
    return process.pid();
  }

  /** kill -9: no shutdown hook runs, nothing is flushed. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
