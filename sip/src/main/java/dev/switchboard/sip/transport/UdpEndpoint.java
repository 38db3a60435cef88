package dev.switchboard.sip.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound UDP socket served by several reader threads. Each thread receives a datagram, takes it
 * all the way through the stack and sends what it must, then receives the next: whichever thread is
 * free takes the next datagram, so the load spreads over the cores whatever the number of peers, as
 * Kamailio's worker processes share their socket. Any thread may send.
 */
final class UdpEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UdpEndpoint.class);

  /** Large enough for any UDP payload, so a datagram is never silently truncated. */
  private static final int DATAGRAM_BUFFER = 65_536;

  /** What a reader thread does with each datagram, on that thread. */
  @FunctionalInterface
  interface Receiver {
    void datagram(byte[] bytes, InetSocketAddress from, UdpEndpoint via);
  }

  private final DatagramChannel channel;
  private final InetSocketAddress local;
  private final List<Thread> readers = new ArrayList<>();
  private final AtomicLong busyNanos = new AtomicLong();
  private final int receiveBuffer;
  private volatile boolean open = true;

  private UdpEndpoint(DatagramChannel channel, int receiveBuffer) throws IOException {
    this.channel = channel;
    this.local = (InetSocketAddress) channel.getLocalAddress();
    this.receiveBuffer = receiveBuffer;
  }

  /**
   * Binds {@code address:port} with a receive buffer of {@code receiveBuffer} bytes asked for (the
   * kernel may grant less; that is logged) and starts {@code threads} readers.
   */
  static UdpEndpoint bind(
      InetAddress address, int port, int receiveBuffer, int threads, Receiver receiver)
      throws IOException {
    DatagramChannel ch =
        DatagramChannel.open(
            address instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
    try {
      ch.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
      ch.bind(new InetSocketAddress(address, port));
      int granted = ch.getOption(StandardSocketOptions.SO_RCVBUF);
      UdpEndpoint e = new UdpEndpoint(ch, granted);
      // Linux reports twice the usable size; it caps what is asked at net.core.rmem_max.
      if (granted < receiveBuffer) {
        log.warn(
            "UDP {}: receive buffer {} bytes asked, {} granted by the OS; raise"
                + " net.core.rmem_max to absorb longer bursts",
            e.local,
            receiveBuffer,
            granted);
      } else {
        log.info("UDP {}: receive buffer {} bytes", e.local, granted);
      }
      for (int i = 0; i < threads; i++) {
        Thread t = new Thread(() -> e.read(receiver), "sip-udp-" + e.local.getPort() + "-" + i);
        t.setDaemon(true);
        e.readers.add(t);
      }
      e.readers.forEach(Thread::start);
      return e;
    } catch (IOException | RuntimeException ex) {
      ch.close();
      throw ex;
    }
  }

  private void read(Receiver receiver) {
    ByteBuffer buf = ByteBuffer.allocate(DATAGRAM_BUFFER);
    while (open) {
      buf.clear();
      InetSocketAddress from;
      try {
        from = (InetSocketAddress) channel.receive(buf);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (open) {
          log.warn("UDP {} receive failed: {}", local, e.toString());
        }
        continue;
      }
      long start = System.nanoTime();
      try {
        receiver.datagram(Arrays.copyOf(buf.array(), buf.position()), from, this);
      } catch (RuntimeException e) {
        log.warn("UDP {}: a datagram from {} failed", local, from, e);
      } finally {
        busyNanos.addAndGet(System.nanoTime() - start);
      }
    }
  }

  /** Sends one datagram; safe from any thread. */
  void send(byte[] bytes, InetSocketAddress to) throws IOException {
    channel.send(ByteBuffer.wrap(bytes), to);
  }

  InetSocketAddress localAddress() {
    return local;
  }

  boolean isOpen() {
    return open && channel.isOpen();
  }

  /** The receive buffer the OS granted, in bytes. */
  int receiveBuffer() {
    return receiveBuffer;
  }

  /** Nanoseconds the readers have spent processing datagrams (not waiting for them). */
  long busyNanos() {
    return busyNanos.get();
  }

  int readers() {
    return readers.size();
  }

  @Override
  public void close() {
    open = false;
    try {
      channel.close(); // wakes every reader blocked in receive
    } catch (IOException e) {
      log.debug("closing UDP {}: {}", local, e.toString());
    }
    for (Thread t : readers) {
      if (t != Thread.currentThread()) {
        try {
          t.join(2_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
