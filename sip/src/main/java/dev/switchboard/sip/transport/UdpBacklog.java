package dev.switchboard.sip.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * How full the kernel's receive queues of our UDP sockets are: the queue in front of the reader
 * threads, read from Linux's {@code /proc/net/udp} and {@code udp6} (the rx_queue column, bytes of
 * buffer memory in use, and the drops column). Sampled at most once per interval; -1 where the
 * files do not exist.
 */
final class UdpBacklog {
  private static final Path[] TABLES = {Path.of("/proc/net/udp"), Path.of("/proc/net/udp6")};
  private static final long INTERVAL_NANOS = 20_000_000L;
  // Compiled once: sampled 50 times a second, a split("\\s+") compiled a pattern each line.
  private static final Pattern BLANKS = Pattern.compile("\\s+");

  private final AtomicBoolean sampling = new AtomicBoolean();
  private volatile long sampledAt = Long.MIN_VALUE / 2;
  private volatile double fraction;
  private volatile long drops;

  /**
   * The fullest queue among {@code endpoints} as a fraction of its granted buffer (0 when empty,
   * near 1 when the kernel is about to drop), or -1 when it cannot be read here.
   */
  double fraction(List<UdpEndpoint> endpoints) {
    long now = System.nanoTime();
    if (now - sampledAt > INTERVAL_NANOS && sampling.compareAndSet(false, true)) {
      try {
        sample(endpoints);
        sampledAt = now;
      } finally {
        sampling.set(false);
      }
    }
    return fraction;
  }

  /** Datagrams the kernel dropped on our sockets for want of buffer, as of the last sample. */
  long drops(List<UdpEndpoint> endpoints) {
    fraction(endpoints);
    return drops;
  }

  private void sample(List<UdpEndpoint> endpoints) {
    double worst = 0;
    long dropped = 0;
    boolean readable = false;
    for (Path table : TABLES) {
      List<String> lines;
      try {
        lines = Files.readAllLines(table);
      } catch (IOException | SecurityException e) {
        continue;
      }
      readable = true;
      for (int i = 1; i < lines.size(); i++) {
        String[] f = BLANKS.split(lines.get(i).trim());
        if (f.length < 5) {
          continue;
        }
        int colon = f[1].lastIndexOf(':');
        int queueColon = f[4].indexOf(':');
        if (colon < 0 || queueColon < 0) {
          continue;
        }
        int port;
        long rx;
        try {
          port = Integer.parseInt(f[1].substring(colon + 1), 16);
          rx = Long.parseLong(f[4].substring(queueColon + 1), 16);
        } catch (NumberFormatException e) {
          continue;
        }
        for (UdpEndpoint e : endpoints) {
          if (e.localAddress().getPort() == port && e.receiveBuffer() > 0) {
            worst = Math.max(worst, (double) rx / e.receiveBuffer());
            try {
              dropped += Long.parseLong(f[f.length - 1]);
            } catch (NumberFormatException ignored) {
              // an older kernel without the drops column
            }
          }
        }
      }
    }
    fraction = readable ? worst : -1;
    drops = dropped;
  }
}
