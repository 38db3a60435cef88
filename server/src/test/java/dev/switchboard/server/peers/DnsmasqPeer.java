package dev.switchboard.server.peers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * dnsmasq on 127.0.0.1 and an ephemeral port serving only the records it is given (no upstream, no
 * /etc/hosts), in the foreground as our child; closing it stops that process by its PID.
 */
public final class DnsmasqPeer implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final Path dir;
  private final int port;

  private DnsmasqPeer(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /**
   * Starts dnsmasq with {@code records}, each a dnsmasq option such as {@code
   * --srv-host=_sip._udp.foreign.test,sip1.foreign.test,5060,10,50}; answers carry a TTL of {@code
   * ttlSeconds}.
   */
  public static DnsmasqPeer start(int ttlSeconds, List<String> records)
      throws IOException, InterruptedException {
    Path dnsmasq = PeerPrograms.require("dnsmasq", "dnsmasq-base");
    Path dir = Files.createTempDirectory("dnsmasq-peer-");
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = PeerPrograms.freeUdpPort();
      List<String> command = new ArrayList<>();
      command.addAll(
          List.of(
              dnsmasq.toString(),
              "-k",
              "--no-resolv",
              "--no-hosts",
              "--no-poll",
              "--conf-file=/dev/null",
              "--port=" + port,
              "--listen-address=127.0.0.1",
              "--bind-interfaces",
              "--user=" + System.getProperty("user.name"),
              "--pid-file=" + dir.resolve("dnsmasq.pid"),
              "--log-facility=-",
              "--log-queries",
              "--local-ttl=" + ttlSeconds,
              "--auth-ttl=" + ttlSeconds,
              // Names under test. are ours alone: unknown ones are NXDOMAIN, not refused.
              "--local=/test/"));
      command.addAll(records);
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("dnsmasq.log").toFile())
              .start();
      DnsmasqPeer peer = new DnsmasqPeer(p, dir, port);
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

  /** dnsmasq answers over TCP on the same port once it is listening: connect until it does. */
  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("dnsmasq exited with " + process.exitValue() + ":\n" + log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException("dnsmasq did not listen on 127.0.0.1:" + port + ":\n" + log());
  }

  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  /** {@code 127.0.0.1:PORT}, as {@code --dns-server} takes it. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public String log() {
    return PeerPrograms.tail(dir.resolve("dnsmasq.log"), 4000);
  }

  @Override
  public void close() {
    PeerPrograms.stop(process, 3000);
    PeerPrograms.deleteTree(dir);
  }
}
