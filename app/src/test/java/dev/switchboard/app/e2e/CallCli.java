package dev.switchboard.app.e2e;

import dev.switchboard.app.ServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code switchboard call …} as a child process of the test, ended by its PID on close. */
final class CallCli implements AutoCloseable {
  private final ServerProcess process;
  private final Path log;

  private CallCli(ServerProcess process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code call} as {@code user@domain} against {@code sb}, plus {@code args} (which may
   * bring their own {@code --password}).
   */
  static CallCli start(Path dir, Switchboard sb, String user, String domain, String... args)
      throws Exception {
    List<String> all =
        new ArrayList<>(
            List.of(
                "call",
                "--server",
                "127.0.0.1:" + sb.sipPort(),
                "--user",
                user,
                "--domain",
                domain,
                "--bind",
                "127.0.0.1"));
    if (!List.of(args).contains("--password")) {
      all.addAll(List.of("--password", Switchboard.password(user)));
    }
    all.addAll(List.of(args));
    Path log = dir.resolve("call-" + user + "-" + System.nanoTime() + ".log");
    return new CallCli(ServerProcess.start(log, all), log);
  }

  /** Waits for the exit code. */
  int awaitExit(long seconds) throws InterruptedException {
    return process.awaitExit(seconds);
  }

  /** Waits until a line containing {@code text} was printed. */
  void await(String text, long seconds) throws Exception {
    process.awaitLine(
        java.util.regex.Pattern.compile("(" + java.util.regex.Pattern.quote(text) + ")"), seconds);
  }

  /** Everything printed so far: standard output, then the errors (without logback's own). */
  String output() {
    String errors;
    try {
      errors =
          java.nio.file.Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8).stream()
              .filter(l -> !l.contains("|-"))
              .collect(java.util.stream.Collectors.joining("\n"));
    } catch (java.io.IOException e) {
      errors = "(no error log: " + e.getMessage() + ")";
    }
    String printed =
        process.output().stream()
            .filter(l -> !l.contains("|-"))
            .collect(java.util.stream.Collectors.joining("\n"));
    return printed + "\n" + errors;
  }

  @Override
  public void close() {
    process.close();
  }
}
