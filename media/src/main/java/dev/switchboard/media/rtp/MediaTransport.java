package dev.switchboard.media.rtp;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The UDP side of media: hands out RTP/RTCP port pairs from a {@link PortRange} on one local
 * address, and reads every session's sockets on one selector thread (no thread per stream). Sending
 * happens on the caller's thread (normally the media clock's).
 */
public final class MediaTransport implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(MediaTransport.class.getName());
  private static final int MAX_DATAGRAM = 2048;

  private final InetAddress bindAddress;
  private final PortRange ports;
  private final Selector selector;
  private final Thread thread;
  private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger cursor = new AtomicInteger();
  private final AtomicInteger openSessions = new AtomicInteger();
  private final AtomicLong datagrams = new AtomicLong();
  private volatile boolean running = true;

  private MediaTransport(InetAddress bindAddress, PortRange ports) throws IOException {
    this.bindAddress = bindAddress;
    this.ports = ports;
    this.selector = Selector.open();
    this.thread = new Thread(this::run, "media-io-" + bindAddress.getHostAddress() + "-" + ports);
    thread.setDaemon(true);
    thread.setPriority(Thread.MAX_PRIORITY);
    thread.start();
  }

  /** Opens the transport and starts its reading thread. */
  public static MediaTransport open(InetAddress bindAddress, PortRange ports) throws IOException {
    return new MediaTransport(bindAddress, ports);
  }

  /** The address sessions bind to. */
  public InetAddress bindAddress() {
    return bindAddress;
  }

  /** Sessions open now. */
  public int openSessions() {
    return openSessions.get();
  }

  /** Datagrams read so far, on every session. */
  public long datagramsReceived() {
    return datagrams.get();
  }

  /**
   * Opens a session on the next free even port of the range (RTCP on the port above unless it
   * multiplexes).
   *
   * @throws IOException when no pair in the range can be bound
   */
  public RtpSession openSession(RtpSession.Settings settings, RtpSession.Listener listener)
      throws IOException {
    if (!running) {
      throw new IOException("media transport is closed");
    }
    int pairs = ports.pairs();
    for (int attempt = 0; attempt < pairs; attempt++) {
      int index = Math.floorMod(cursor.getAndIncrement(), pairs);
      int port = ports.rtpPort(index);
      DatagramChannel rtp = tryBind(port);
      if (rtp == null) {
        continue;
      }
      DatagramChannel rtcp = null;
      if (!settings.rtcpMux()) {
        rtcp = tryBind(port + 1);
        if (rtcp == null) {
          rtp.close();
          continue;
        }
      }
      RtpSession session = new RtpSession(this, rtp, rtcp, settings, listener);
      register(rtp, session, false);
      if (rtcp != null) {
        register(rtcp, session, true);
      }
      openSessions.incrementAndGet();
      return session;
    }
    throw new IOException(
        "no free RTP/RTCP port pair in " + ports + " on " + bindAddress.getHostAddress());
  }

  private DatagramChannel tryBind(int port) throws IOException {
    DatagramChannel channel = DatagramChannel.open();
    try {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 256 * 1024);
      channel.bind(new InetSocketAddress(bindAddress, port));
      channel.configureBlocking(false);
      return channel;
    } catch (IOException e) {
      channel.close();
      return null; // in use: try the next pair
    }
  }

  private void register(DatagramChannel channel, RtpSession session, boolean rtcp) {
    pending.add(
        () -> {
          try {
            channel.register(selector, SelectionKey.OP_READ, new Endpoint(session, rtcp));
          } catch (ClosedChannelException e) {
            // the session was closed before the selector saw it
          }
        });
    selector.wakeup();
  }

  void closed(RtpSession session) {
    openSessions.decrementAndGet();
    // a registered channel releases its port only when the selector deregisters it
    selector.wakeup();
  }

  private record Endpoint(RtpSession session, boolean rtcp) {}

  private void run() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    byte[] bytes = new byte[MAX_DATAGRAM];
    while (running) {
      try {
        selector.select(1000);
        for (Runnable r; (r = pending.poll()) != null; ) {
          r.run();
        }
        var keys = selector.selectedKeys();
        for (var it = keys.iterator(); it.hasNext(); ) {
          SelectionKey key = it.next();
          it.remove();
          if (!key.isValid()) {
            continue;
          }
          Endpoint endpoint = (Endpoint) key.attachment();
          DatagramChannel channel = (DatagramChannel) key.channel();
          drain(channel, endpoint, buffer, bytes);
        }
      } catch (IOException | RuntimeException e) {
        if (running) {
          LOG.log(Level.WARNING, "media transport read loop", e);
        }
      }
    }
  }

  private void drain(DatagramChannel channel, Endpoint endpoint, ByteBuffer buffer, byte[] bytes) {
    // read until the socket is empty so one busy stream cannot starve on a single wakeup
    for (int i = 0; i < 64; i++) {
      SocketAddress source;
      buffer.clear();
      try {
        source = channel.receive(buffer);
      } catch (IOException e) {
        return; // ICMP port unreachable and friends: nothing to read now
      }
      if (source == null) {
        return;
      }
      long arrival = System.nanoTime();
      buffer.flip();
      int length = buffer.remaining();
      buffer.get(bytes, 0, length);
      datagrams.incrementAndGet();
      endpoint
          .session()
          .onDatagram(bytes, length, (InetSocketAddress) source, endpoint.rtcp(), arrival);
    }
  }

  /** Stops reading; sessions still open stop receiving (close them first). */
  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(2000);
      selector.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing selector", e);
    }
  }
}
