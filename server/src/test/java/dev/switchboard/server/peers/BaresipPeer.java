package dev.switchboard.server.peers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real softphone for tests: baresip 1.0 run headless with its own configuration directory, a tone
 * file as microphone and no speaker, driven through its {@code cons} UDP console and watched
 * through its output; closing it stops the process by its PID.
 */
public final class BaresipPeer implements AutoCloseable {

  private static final String MODULES = "/usr/lib/baresip/modules";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

  /** Longer than any test call: baresip hangs up when its audio source file ends. */
  private static final int TONE_SECONDS = 60;

  /**
   * The one SIP account of a peer.
   *
   * @param aor the address of record, e.g. {@code sip:1001@a.test}
   * @param password the digest password, or null
   * @param outboundProxy where every request goes, e.g. {@code sip:127.0.0.1:5060;transport=udp},
   *     or null to send by the request URI
   * @param registerSeconds the registration interval; 0 does not register
   * @param autoAnswer answer incoming calls at once
   */
  public record Account(
      String aor, String password, String outboundProxy, int registerSeconds, boolean autoAnswer) {

    /** An account that neither registers nor uses a proxy: calls go straight to IP addresses. */
    public static Account direct(String user, boolean autoAnswer) {
      return new Account("sip:" + user + "@127.0.0.1", null, null, 0, autoAnswer);
    }

    /** An account registering every 60 s through the server at {@code host:port} (UDP). */
    public static Account registered(
        String user, String domain, String password, String host, int port, boolean autoAnswer) {
      return new Account(
          "sip:" + user + "@" + domain,
          password,
          "sip:" + host + ":" + port + ";transport=udp",
          60,
          autoAnswer);
    }

    /**
     * An account registering every 60 s through the server's TLS listener at {@code host:port}:
     * every request goes over the one TLS connection it opens (RFC 3261 §26).
     */
    public static Account registeredOverTls(
        String user, String domain, String password, String host, int port, boolean autoAnswer) {
      return new Account(
          "sip:" + user + "@" + domain,
          password,
          "sip:" + host + ":" + port + ";transport=tls",
          60,
          autoAnswer);
    }

    String line() {
      return line(false);
    }

    /** The accounts line; {@code publish} adds a publication interval (baresip's PUBLISH). */
    String line(boolean publish) {
      StringBuilder b = new StringBuilder("<").append(aor).append(">");
      if (password != null) {
        b.append(";auth_pass=").append(password);
      }
      if (outboundProxy != null) {
        b.append(";outbound=\"").append(outboundProxy).append('"');
      }
      b.append(";regint=").append(registerSeconds);
      if (autoAnswer) {
        b.append(";answermode=auto");
      }
      if (publish) {
        b.append(";pubint=60");
      }
      return b.append(";audio_codecs=PCMU,PCMA\n").toString();
    }
  }

  private final Process process;
  private final Path dir;
  private final int sipPort;
  private final int consolePort;
  private DatagramSocket console;

  private BaresipPeer(Process process, Path dir, int sipPort, int consolePort) {
    this.process = process;
    this.dir = dir;
    this.sipPort = sipPort;
    this.consolePort = consolePort;
  }

  /** Writes the configuration, starts baresip and waits until it says it is ready. */
  public static BaresipPeer start(Account account) throws IOException, InterruptedException {
    return start(account, 440, false);
  }

  /**
   * As {@link #start(Account)}, with a microphone tone of {@code toneHz} and, when {@code record},
   * the sndfile module writing what the peer hears to {@link #heard()}.
   */
  public static BaresipPeer start(Account account, double toneHz, boolean record)
      throws IOException, InterruptedException {
    return start(account, toneHz, record, false);
  }

  /**
   * As {@link #start(Account, double, boolean)}; with {@code sipTrace} baresip prints every SIP
   * message it sends and receives ({@code -s}) to {@link #output()}.
   */
  public static BaresipPeer start(Account account, double toneHz, boolean record, boolean sipTrace)
      throws IOException, InterruptedException {
    return start(account, toneHz, record, sipTrace, List.of());
  }

  /**
   * A phone with baresip's presence module watching {@code presentities} (SIP URIs, each a contact
   * with {@code ;presence=p2p}, which baresip 1.0 needs to subscribe): it SUBSCRIBEs to each and
   * prints {@code <URI> changed status from A to B} (Offline, Online, Busy) as NOTIFYs change it
   * (and, traced, every SIP message), the first state from Unknown unprinted; {@code
   * /presence_online} and {@code /presence_offline} make it PUBLISH its own state.
   */
  public static BaresipPeer startWatching(Account account, List<String> presentities)
      throws IOException, InterruptedException {
    return start(account, 440, false, true, presentities);
  }

  private static BaresipPeer start(
      Account account, double toneHz, boolean record, boolean sipTrace, List<String> watch)
      throws IOException, InterruptedException {
    Path baresip = PeerPrograms.require("baresip", "baresip");
    Path dir = Files.createTempDirectory("baresip-peer-");
    StringBuilder contacts = new StringBuilder();
    for (String uri : watch) {
      contacts.append('<').append(uri).append(">;presence=p2p\n");
    }
    Files.writeString(dir.resolve("contacts"), contacts.toString());
    writeTone(dir.resolve("tone.wav"), toneHz);
    if (record) {
      Files.createDirectories(dir.resolve("heard"));
    }
    Files.writeString(dir.resolve("accounts"), account.line(!watch.isEmpty()));
    IOException last = null;
    // Ports are free when chosen but could be taken before baresip binds them: try a few.
    for (int attempt = 0; attempt < 3; attempt++) {
      int sipPort = freePortBothWays();
      int consolePort = freePortBothWays();
      String config = config(dir, sipPort, consolePort, record);
      if (!watch.isEmpty()) {
        config += "\nmodule_app contact.so\nmodule_app presence.so\n";
      }
      Files.writeString(dir.resolve("config"), config);
      Files.deleteIfExists(dir.resolve("baresip.out"));
      Process p =
          new ProcessBuilder(
                  sipTrace
                      ? List.of(baresip.toString(), "-s", "-f", dir.toString())
                      : List.of(baresip.toString(), "-f", dir.toString()))
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("baresip.out").toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      BaresipPeer peer = new BaresipPeer(p, dir, sipPort, consolePort);
      try {
        peer.awaitOutput("baresip is ready.", READY_TIMEOUT);
        if (peer.output().contains("failed to listen")) {
          throw new IOException("baresip could not bind its ports:\n" + peer.output());
        }
        return peer;
      } catch (IOException | AssertionError e) {
        peer.close();
        last = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
      }
    }
    throw last;
  }

  static String config(Path dir, int sipPort, int consolePort) {
    return config(dir, sipPort, consolePort, false);
  }

  static String config(Path dir, int sipPort, int consolePort, boolean record) {
    String recording = record ? "module sndfile.so\nsnd_path " + dir.resolve("heard") + "\n" : "";
    return String.join(
        "\n",
        "poll_method epoll",
        "sip_listen 127.0.0.1:" + sipPort,
        "sip_trans_def udp",
        "net_interface 127.0.0.1",
        "call_local_timeout 120",
        // A tone file as microphone; no player at all, so no sound device is needed.
        "audio_source aufile," + dir.resolve("tone.wav"),
        "audio_alert aufile," + dir.resolve("tone.wav"),
        "audio_player",
        "module_path " + MODULES,
        "module g711.so",
        "module aufile.so",
        "module cons.so",
        "module_app account.so",
        "module_app menu.so",
        "cons_listen 127.0.0.1:" + consolePort,
        recording);
  }

  /** 8 kHz 16-bit mono sine of {@code hz}, as a WAV file. */
  private static void writeTone(Path file, double hz) throws IOException {
    int rate = 8000;
    int samples = rate * TONE_SECONDS;
    ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1);
    b.putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
    for (int i = 0; i < samples; i++) {
      b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / rate)));
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(b.array());
    }
  }

  private static int freePortBothWays() throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    for (int i = 0; i < 20; i++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
        int port = tcp.getLocalPort();
        if (udpFree(port, loopback)) {
          return port;
        }
      }
    }
    throw new IOException("no port free for both TCP and UDP on 127.0.0.1");
  }

  private static boolean udpFree(int port, InetAddress loopback) {
    try {
      new DatagramSocket(port, loopback).close();
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /** Sends one console command, e.g. {@code /dial sip:1002@a.test} or {@code /hangup}. */
  public void command(String line) throws IOException {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      s.send(
          new DatagramPacket(bytes, bytes.length, InetAddress.getByName("127.0.0.1"), consolePort));
    }
  }

  public void dial(String uri) throws IOException {
    command("/dial " + uri);
  }

  public void hangup() throws IOException {
    command("/hangup");
  }

  /** Everything baresip printed so far, without terminal colour codes. */
  public String output() {
    try {
      Path out = dir.resolve("baresip.out");
      if (!Files.exists(out)) {
        return "";
      }
      return Files.readString(out, StandardCharsets.ISO_8859_1).replaceAll("\u001B\\[[;0-9]*m", "");
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * Waits until the output contains one of {@code texts} and returns the one seen, failing with the
   * output after {@code timeout}.
   */
  public String awaitOutput(Duration timeout, String... texts) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String o = output();
      for (String t : texts) {
        if (o.contains(t)) {
          return t;
        }
      }
      if (!process.isAlive() || System.nanoTime() >= deadline) {
        throw new AssertionError(
            "baresip did not print any of "
                + java.util.Arrays.toString(texts)
                + " within "
                + timeout
                + ":\n"
                + tail());
      }
      Thread.sleep(50);
    }
  }

  /** Waits until the output contains {@code text}. */
  public void awaitOutput(String text, Duration timeout) throws InterruptedException {
    awaitOutput(timeout, text);
  }

  /** How often {@code text} occurs in the output so far. */
  public int count(String text) {
    String o = output();
    int n = 0;
    for (int i = o.indexOf(text); i >= 0; i = o.indexOf(text, i + text.length())) {
      n++;
    }
    return n;
  }

  private String tail() {
    String o = output();
    return o.length() <= 6000 ? o : o.substring(o.length() - 6000);
  }

  public int sipPort() {
    return sipPort;
  }

  /** The PID of the baresip process this peer started. */
  public long pid() {
    return process.pid();
  }

  public Path workDir() {
    return dir;
  }

  /**
   * The WAV files the sndfile module wrote of what this peer heard (decoded audio, one per call),
   * oldest first; empty unless started with recording.
   */
  public java.util.List<Path> heard() throws IOException {
    Path d = dir.resolve("heard");
    if (!Files.isDirectory(d)) {
      return java.util.List.of();
    }
    try (var files = Files.list(d)) {
      return files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).sorted().toList();
    }
  }

  /** Copies the recordings out before {@link #close} removes the directory. */
  public java.util.List<Path> keepHeard(Path into) throws IOException {
    java.util.List<Path> kept = new java.util.ArrayList<>();
    Files.createDirectories(into);
    for (Path f : heard()) {
      Path copy = into.resolve(f.getFileName());
      Files.copy(f, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      kept.add(copy);
    }
    return kept;
  }

  /** Stops baresip (SIGTERM, by force after 5 s) and removes its directory. */
  @Override
  public synchronized void close() {
    PeerPrograms.stop(process, 5_000);
    if (console != null) {
      console.close();
    }
    PeerPrograms.deleteTree(dir);
  }
}
