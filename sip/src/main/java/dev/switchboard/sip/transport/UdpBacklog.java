package dev.switchboard.sip.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntToLongFunction;

/**
 * How full the kernel's receive queues of our UDP sockets are: the queue in front of the reader
 * threads, read from Linux's {@code /proc/net/udp} and {@code udp6} (the rx_queue column, bytes of
 * buffer memory in use, and the drops column). Sampled at most once per interval; -1 where the
 * files do not exist.
 */
final class UdpBacklog {
  private static final Path[] TABLES = {Path.of("/proc/net/udp"), Path.of("/proc/net/udp6")};
  private static final long INTERVAL_NANOS = 20_000_000L;

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
    IntToLongFunction bufferOf =
        port -> {
          for (UdpEndpoint e : endpoints) {
            if (e.localAddress().getPort() == port && e.receiveBuffer() > 0) {
              return e.receiveBuffer();
            }
          }
          return 0;
        };
    for (Path table : TABLES) {
      try {
        Queues q = scan(Files.readAllBytes(table), bufferOf);
        worst = Math.max(worst, q.fullest());
        dropped += q.drops();
        readable = true;
      } catch (IOException | SecurityException e) {
        // not Linux, or not allowed: -1 below when no table could be read
      }
    }
    fraction = readable ? worst : -1;
    drops = dropped;
  }

  /** The fullest of some sockets' receive queues, as a fraction of its buffer, and their drops. */
  record Queues(double fullest, long drops) {}

  /**
   * Reads one table in {@code /proc/net/udp}'s format for the sockets whose local port {@code
   * bufferOf} gives a buffer size for (0 for sockets that are not ours). Read as bytes: the text
   * path (lines, split, substrings) was 4 % of a REGISTER's CPU, sampled 50 times a second.
   */
  static Queues scan(byte[] b, IntToLongFunction bufferOf) {
    double worst = 0;
    long dropped = 0;
    int[] fields = new int[2 * COLUMNS];
    int line = nextLine(b, 0); // the column titles
    while (line < b.length) {
      int end = nextLine(b, line);
      int n = split(b, line, end, fields);
      line = end;
      if (n < 5) {
        continue;
      }
      long port = hexAfter(b, ':', fields[2], fields[3], true);
      long rx = hexAfter(b, ':', fields[8], fields[9], false);
      long buffer = port < 0 || port > 0xffff ? 0 : bufferOf.applyAsLong((int) port);
      if (rx < 0 || buffer <= 0) {
        continue;
      }
      worst = Math.max(worst, (double) rx / buffer);
      // The last column counts drops; an older kernel has fewer columns.
      if (n >= COLUMNS) {
        dropped += Math.max(0, decimal(b, fields[2 * n - 2], fields[2 * n - 1]));
      }
    }
    return new Queues(worst, dropped);
  }

  /** Columns in a line of {@code /proc/net/udp} with the drops column. */
  private static final int COLUMNS = 13;

  private static int nextLine(byte[] b, int p) {
    while (p < b.length && b[p] != '\n') {
      p++;
    }
    return p + 1;
  }

  /** Start and end of each blank-separated field of {@code [from, to)}; returns how many. */
  private static int split(byte[] b, int from, int to, int[] fields) {
    int n = 0;
    int p = from;
    while (n < fields.length / 2) {
      while (p < to && (b[p] == ' ' || b[p] == '\t' || b[p] == '\n')) {
        p++;
      }
      if (p >= to) {
        break;
      }
      int start = p;
      while (p < to && b[p] != ' ' && b[p] != '\t' && b[p] != '\n') {
        p++;
      }
      fields[2 * n] = start;
      fields[2 * n + 1] = p;
      n++;
    }
    return n;
  }

  /** The hexadecimal number after the last (or first) {@code sep} in the field, or -1. */
  private static long hexAfter(byte[] b, char sep, int from, int to, boolean last) {
    int at = -1;
    for (int i = from; i < to; i++) {
      if (b[i] == sep) {
        at = i;
        if (!last) {
          break;
        }
      }
    }
    if (at < 0 || at + 1 == to || to - at > 17) {
      return -1;
    }
    long v = 0;
    for (int i = at + 1; i < to; i++) {
      int d = Character.digit(b[i], 16);
      if (d < 0) {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }

  private static long decimal(byte[] b, int from, int to) {
    if (from == to || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return -1;
      }
      v = v * 10 + (b[i] - '0');
    }
    return v;
  }
}
