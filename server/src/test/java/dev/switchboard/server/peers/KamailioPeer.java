package dev.switchboard.server.peers;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kamailio 5.6 registrar and stateful proxy for a second domain, run from
 * test-peers/kamailio/kamailio-b.cfg.template as a child process on 127.0.0.1; closing it stops
 * that process by its PID.
 */
public final class KamailioPeer implements AutoCloseable {

  static final String TEMPLATE = "test-peers/kamailio/kamailio-b.cfg.template";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

  /**
   * What to run.
   *
   * @param domain the domain Kamailio serves (registrar and location)
   * @param peerDomain the domain whose requests go to {@code peerTarget}
   * @param peerTarget host:port of the peer domain's server (Switchboard)
   * @param password the digest password of every user of {@code domain}
   * @param registerAuth challenge REGISTER (401)
   * @param callAuth challenge INVITEs from users of {@code domain} (407)
   * @param tcp also listen for TCP on the same port
   */
  public record Settings(
      String domain,
      String peerDomain,
      String peerTarget,
      String password,
      boolean registerAuth,
      boolean callAuth,
      boolean tcp) {

    /** b.test, forwarding a.test to 127.0.0.1:5060, password "secret", REGISTER challenged. */
    public static Settings defaults() {
      return new Settings("b.test", "a.test", "127.0.0.1:5060", "secret", true, false, false);
    }

    public Settings withPeer(String domain, String host, int port) {
      return new Settings(
          this.domain, domain, host + ":" + port, password, registerAuth, callAuth, tcp);
    }

    public Settings withAuth(boolean onRegister, boolean onCall) {
      return new Settings(domain, peerDomain, peerTarget, password, onRegister, onCall, tcp);
    }

    /** Kamailio serving {@code newDomain} instead of b.test. */
    public Settings withDomain(String newDomain) {
      return new Settings(newDomain, peerDomain, peerTarget, password, registerAuth, callAuth, tcp);
    }

    /** Kamailio listening for TCP too, on its UDP port. */
    public Settings withTcp() {
      return new Settings(domain, peerDomain, peerTarget, password, registerAuth, callAuth, true);
    }
  }

  private final Settings settings;
  private final Process process;
  private final Path dir;
  private final int port;

  private KamailioPeer(Settings settings, Process process, Path dir, int port) {
    this.settings = settings;
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /**
   * Renders the configuration into a temporary directory, starts Kamailio and waits until it
   * answers OPTIONS.
   */
  public static KamailioPeer start(Settings settings) throws IOException, InterruptedException {
    Path kamailio = PeerPrograms.require("kamailio", "kamailio");
    String template = Files.readString(PeerPrograms.repositoryFile(TEMPLATE));
    Path dir = Files.createTempDirectory("kamailio-peer-");
    IOException last = null;
    // The port is free when chosen but could be taken before Kamailio binds it: try a few.
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = PeerPrograms.freeUdpPort();
      Path cfg = dir.resolve("kamailio.cfg");
      Files.writeString(cfg, render(template, settings, port));
      Process p =
          new ProcessBuilder(command(kamailio, cfg, dir, settings))
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("kamailio.log").toFile())
              .start();
      KamailioPeer peer = new KamailioPeer(settings, p, dir, port);
      try {
        peer.awaitReady();
        return peer;
      } catch (IOException e) {
        peer.close();
        last = e;
      }
    }
    throw last;
  }

  static String render(String template, Settings s, int port) {
    if (s.tcp()) {
      // The shared template (bench renders it too) is UDP only; TCP is switched on here.
      template = template.replace("disable_tcp=yes", "listen=tcp:127.0.0.1:@PORT@\ndisable_tcp=no");
    }
    return template
        .replace("@PORT@", Integer.toString(port))
        .replace("@PEER_DOMAIN@", s.peerDomain())
        .replace("@PEER_TARGET@", s.peerTarget())
        .replace("@DOMAIN@", s.domain())
        .replace("@PASSWORD@", s.password());
  }

  private static List<String> command(Path kamailio, Path cfg, Path dir, Settings s) {
    List<String> c = new ArrayList<>();
    c.add(kamailio.toString());
    c.addAll(List.of("-f", cfg.toString(), "-DD", "-E", "-n", "1", "-m", "64", "-M", "8"));
    c.addAll(List.of("-P", dir.resolve("kamailio.pid").toString(), "-Y", dir.toString()));
    if (s.registerAuth()) {
      c.addAll(List.of("-A", "WITH_AUTH"));
    }
    if (s.callAuth()) {
      c.addAll(List.of("-A", "WITH_CALL_AUTH"));
    }
    return c;
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (DatagramSocket socket = new DatagramSocket(0, loopback)) {
      socket.setSoTimeout(200);
      int n = 0;
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException("kamailio exited with " + process.exitValue() + ":\n" + log());
        }
        byte[] options = options(socket.getLocalPort(), ++n).getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(options, options.length, loopback, port));
        byte[] buf = new byte[4096];
        DatagramPacket reply = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(reply);
          if (new String(buf, 0, reply.getLength(), StandardCharsets.US_ASCII)
              .startsWith("SIP/2.0 200")) {
            return;
          }
        } catch (SocketTimeoutException notYet) {
          // Kamailio is still starting; ask again.
        }
      }
    }
    throw new IOException(
        "kamailio did not answer OPTIONS on 127.0.0.1:"
            + port
            + " within "
            + READY_TIMEOUT
            + ":\n"
            + log());
  }

  private String options(int localPort, int n) {
    String tag = Long.toHexString(System.nanoTime());
    return "OPTIONS sip:127.0.0.1:"
        + port
        + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:"
        + localPort
        + ";branch=z9hG4bK"
        + tag
        + n
        + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:probe@127.0.0.1>;tag="
        + tag
        + "\r\n"
        + "To: <sip:127.0.0.1:"
        + port
        + ">\r\n"
        + "Call-ID: probe-"
        + tag
        + "\r\n"
        + "CSeq: "
        + n
        + " OPTIONS\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  /** The PID of the Kamailio main process this peer started. */
  public long pid() {
    return process.pid();
  }

  public Settings settings() {
    return settings;
  }

  public Path workDir() {
    return dir;
  }

  /** The tail of Kamailio's log, for assertion messages. */
  public String log() {
    return PeerPrograms.tail(dir.resolve("kamailio.log"), 8000);
  }

  /** Stops the Kamailio main process (SIGTERM; it stops its own children), by force after 5 s. */
  @Override
  public void close() {
    PeerPrograms.stop(process, 5_000);
    PeerPrograms.deleteTree(dir);
  }
}
