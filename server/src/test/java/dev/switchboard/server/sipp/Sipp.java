package dev.switchboard.server.sipp;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Runs one SIPp process against a host and port, bounded in time, and reports its calls. */
public final class Sipp {

  /** The loopback address every run binds to and, by default, talks to. */
  public static final String LOOPBACK = "127.0.0.1";

  /** Time allowed past the SIPp timeout before the process is killed. */
  private static final Duration GRACE = Duration.ofSeconds(10);

  /** SIPp's transport modes: one socket for all calls. */
  public enum Transport {
    UDP("u1"),
    TCP("t1"),
    /** Needs a SIPp built with OpenSSL: Debian's is not (see {@link #executable(Transport)}). */
    TLS("l1");

    private final String mode;

    Transport(String mode) {
      this.mode = mode;
    }
  }

  /**
   * What a finished run reports: SIPp's exit code (0 all calls succeeded, 1 at least one failed, 97
   * stopped by command, 99 no call processed, 255 or 254 fatal), the call counts of its last
   * statistics line (-1 when it wrote none), its error log and its console output.
   */
  public record Result(
      int exitCode,
      long successfulCalls,
      long failedCalls,
      String errors,
      String output,
      Path workDir) {

    /** Whether SIPp exited 0 with no failed call. */
    public boolean allSucceeded() {
      return exitCode == 0 && failedCalls == 0;
    }

    /** A one-paragraph account for assertion messages. */
    public String describe() {
      return "sipp exit "
          + exitCode
          + ", "
          + successfulCalls
          + " successful, "
          + failedCalls
          + " failed, files in "
          + workDir
          + "\nerrors:\n"
          + errors
          + "\noutput (tail):\n"
          + output;
    }
  }

  private final List<String> scenario;
  private String remote;
  private Transport transport = Transport.UDP;
  private int calls = 1;
  private Integer rate;
  private int localPort;
  private Duration timeout = Duration.ofSeconds(20);
  private Path injection;
  private Path workDir;
  private final Map<String, String> variables = new LinkedHashMap<>();
  private final List<String> extraArgs = new ArrayList<>();
  private Path tlsChain;
  private Path tlsKey;

  private Sipp(List<String> scenario) {
    this.scenario = scenario;
  }

  /** A run of the scenario file at the given path ({@code -sf}). */
  public static Sipp scenario(Path file) {
    return new Sipp(List.of("-sf", file.toAbsolutePath().toString()));
  }

  /** A run of one of SIPp's built-in scenarios such as {@code uac} or {@code uas} ({@code -sn}). */
  public static Sipp builtIn(String name) {
    return new Sipp(List.of("-sn", name));
  }

  /** The peer to send to; leave unset for a scenario that only waits (a UAS). */
  public Sipp remote(String host, int port) {
    this.remote = host + ":" + port;
    return this;
  }

  /** UDP ({@code -t u1}, the default) or TCP ({@code -t t1}). */
  public Sipp transport(Transport transport) {
    this.transport = transport;
    return this;
  }

  /** How many calls to run before exiting ({@code -m}); 1 by default. */
  public Sipp calls(int calls) {
    this.calls = calls;
    return this;
  }

  /** Calls started per second ({@code -r}); SIPp's default of 10 when unset. */
  public Sipp rate(int callsPerSecond) {
    this.rate = callsPerSecond;
    return this;
  }

  /** The local port to bind ({@code -p}); 0, the default, lets the system choose. */
  public Sipp localPort(int port) {
    this.localPort = port;
    return this;
  }

  /** The SIPp global timeout ({@code -timeout}, with {@code -timeout_error}); 20 s by default. */
  public Sipp timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** A CSV injection file ({@code -inf}) whose fields the scenario reads as {@code [fieldN]}. */
  public Sipp injection(Path csv) {
    this.injection = csv;
    return this;
  }

  /** A global variable the scenario reads as {@code [$name]} ({@code -set}). */
  public Sipp set(String name, String value) {
    variables.put(name, value);
    return this;
  }

  /** Further SIPp arguments, passed as they are. */
  public Sipp args(String... args) {
    extraArgs.addAll(Arrays.asList(args));
    return this;
  }

  /** Where SIPp runs and writes its logs; a new temporary directory by default. */
  public Sipp workDir(Path dir) {
    this.workDir = dir;
    return this;
  }

  /**
   * The PEM certificate and key SIPp loads for TLS ({@code -tls_cert}, {@code -tls_key}): it wants
   * them even as a client, though our server never asks for one. Ignored over UDP and TCP.
   */
  public Sipp tlsCertificate(Path chain, Path key) {
    this.tlsChain = chain;
    this.tlsKey = key;
    return this;
  }

  /** Runs SIPp in the foreground and waits for it, killing it past its timeout plus a grace. */
  public Result run() throws IOException, InterruptedException {
    try (Running running = start()) {
      return running.await();
    }
  }

  /** Starts SIPp and returns at once, for a peer that must be listening before the other side. */
  public Running start() throws IOException {
    Path dir = workDir != null ? workDir : Files.createTempDirectory("sipp-");
    Files.createDirectories(dir);
    List<String> command = command(dir);
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sipp.out").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    return new Running(process, dir, timeout.plus(GRACE));
  }

  private List<String> command(Path dir) {
    List<String> command = new ArrayList<>();
    command.add(executable(transport).toString());
    if (remote != null) {
      command.add(remote);
    }
    command.addAll(scenario);
    command.addAll(
        List.of("-t", transport.mode, "-i", LOOPBACK, "-p", Integer.toString(localPort)));
    command.addAll(List.of("-m", Integer.toString(calls)));
    if (rate != null) {
      command.addAll(List.of("-r", Integer.toString(rate)));
    }
    command.addAll(List.of("-timeout", timeout.toMillis() + "ms", "-timeout_error", "-nostdin"));
    command.addAll(List.of("-trace_err", "-error_file", dir.resolve("errors.log").toString()));
    command.addAll(List.of("-trace_msg", "-message_file", dir.resolve("messages.log").toString()));
    command.addAll(List.of("-trace_stat", "-stf", dir.resolve("stat.csv").toString()));
    if (injection != null) {
      command.addAll(List.of("-inf", injection.toAbsolutePath().toString()));
    }
    if (transport == Transport.TLS && tlsChain != null) {
      command.addAll(List.of("-tls_cert", tlsChain.toString(), "-tls_key", tlsKey.toString()));
    }
    variables.forEach((name, value) -> command.addAll(List.of("-set", name, value)));
    command.addAll(extraArgs);
    return command;
  }

  /**
   * The sipp program on the PATH. Under {@code CI=true} a missing sipp fails the test; elsewhere
   * the test is skipped.
   */
  public static Path executable() {
    Optional<Path> found =
        Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(entry -> !entry.isEmpty())
            .map(entry -> Path.of(entry, "sipp"))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isEmpty()) {
      String message = "sipp is not on the PATH (Debian package sip-tester)";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message + "; CI must install it");
      }
      Assumptions.abort(message);
    }
    return found.get();
  }

  /**
   * The sipp that speaks {@code transport}: for TLS one built with OpenSSL, named by {@code
   * SIPP_TLS} or found as {@code sipp-tls} on the PATH (docs/testing.md says how to build it),
   * since Debian's sip-tester has no TLS. Missing, it fails the test under {@code CI=true}, else
   * skips.
   */
  public static Path executable(Transport transport) {
    if (transport != Transport.TLS) {
      return executable();
    }
    String named = System.getenv("SIPP_TLS");
    Optional<Path> found =
        named != null
            ? Optional.of(Path.of(named)).filter(Files::isExecutable)
            : Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, "sipp-tls"))
                .filter(Files::isExecutable)
                .findFirst();
    if (found.isEmpty()) {
      String message = "no TLS-capable SIPp: set SIPP_TLS or put sipp-tls on the PATH";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message + "; CI must build it");
      }
      Assumptions.abort(message);
    }
    return found.get();
  }

  /** A port on the loopback address that was free a moment ago, for a peer to listen on. */
  public static int freePort(Transport transport) throws IOException {
    InetAddress loopback = InetAddress.getByName(LOOPBACK);
    if (transport == Transport.UDP) {
      try (DatagramSocket socket = new DatagramSocket(0, loopback)) {
        return socket.getLocalPort();
      }
    }
    try (ServerSocket socket = new ServerSocket(0, 1, loopback)) {
      return socket.getLocalPort();
    }
  }

  /** A started SIPp process; closing it kills the process if it still runs. */
  public static final class Running implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final Duration deadline;

    private Running(Process process, Path dir, Duration deadline) {
      this.process = process;
      this.dir = dir;
      this.deadline = deadline;
    }

    /** Waits for SIPp to exit, killing it past the deadline, and reads what it left. */
    public Result await() throws IOException, InterruptedException {
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        Files.writeString(
            dir.resolve("errors.log"),
            "killed: still running after " + deadline.toSeconds() + " s\n",
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      }
      int exit = process.isAlive() ? -1 : process.exitValue();
      long[] counts = counts(dir.resolve("stat.csv"));
      return new Result(
          exit, counts[0], counts[1], read(dir.resolve("errors.log")), tail(dir), dir);
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  private static long[] counts(Path statFile) throws IOException {
    if (!Files.exists(statFile)) {
      return new long[] {-1, -1};
    }
    List<String> lines =
        Files.readAllLines(statFile, StandardCharsets.ISO_8859_1).stream()
            .filter(line -> !line.isBlank())
            .toList();
    if (lines.size() < 2) {
      return new long[] {-1, -1};
    }
    List<String> header = Arrays.asList(lines.get(0).split(";", -1));
    String[] last = lines.get(lines.size() - 1).split(";", -1);
    return new long[] {
      column(header, last, "SuccessfulCall(C)"), column(header, last, "FailedCall(C)")
    };
  }

  private static long column(List<String> header, String[] row, String name) {
    int index = header.indexOf(name);
    return index < 0 || index >= row.length ? -1 : Long.parseLong(row[index].trim());
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
  }

  private static String tail(Path dir) throws IOException {
    String output = read(dir.resolve("sipp.out"));
    return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
  }
}
