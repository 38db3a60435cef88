package dev.switchboard.media.stream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A UDP hop between two RTP endpoints on loopback that loses and delays packets on the way from
 * {@code a} to {@code b} (like a bad network), and passes the way back untouched: what the sessions
 * measure can be compared with what the relay did.
 */
final class LossyRelay implements AutoCloseable {

  private final DatagramChannel channel;
  private final InetSocketAddress b;
  private final int dropEvery;
  private final int maxDelayMillis;
  private final Random random = new Random(42);
  private final Thread thread;
  private volatile InetSocketAddress a;
  private volatile boolean running = true;
  private int forwardedToB;
  private int droppedToB;
  private final List<Delayed> queue = new ArrayList<>();

  private record Delayed(long dueNanos, byte[] data, SocketAddress to) {}

  LossyRelay(InetSocketAddress b, int dropEvery, int maxDelayMillis) throws IOException {
    this.b = b;
    this.dropEvery = dropEvery;
    this.maxDelayMillis = maxDelayMillis;
    this.channel = DatagramChannel.open();
    channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    channel.configureBlocking(false);
    this.thread = new Thread(this::run, "lossy-relay");
    thread.setDaemon(true);
    thread.start();
  }

  InetSocketAddress address() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  synchronized int droppedToB() {
    return droppedToB;
  }

  private void run() {
    ByteBuffer buffer = ByteBuffer.allocate(2048);
    int fromA = 0;
    try {
      while (running) {
        buffer.clear();
        InetSocketAddress source = (InetSocketAddress) channel.receive(buffer);
        long now = System.nanoTime();
        if (source != null) {
          buffer.flip();
          byte[] data = new byte[buffer.remaining()];
          buffer.get(data);
          boolean rtcp = data.length > 1 && (data[1] & 0xFF) >= 192 && (data[1] & 0xFF) <= 223;
          if (source.equals(b)) {
            if (a != null) {
              channel.send(ByteBuffer.wrap(data), a);
            }
          } else {
            a = source;
            if (!rtcp && ++fromA % dropEvery == 0) {
              synchronized (this) {
                droppedToB++;
              }
            } else {
              long delay = rtcp ? 0 : random.nextInt(maxDelayMillis + 1) * 1_000_000L;
              queue.add(new Delayed(now + delay, data, b));
            }
          }
        }
        for (var it = queue.iterator(); it.hasNext(); ) {
          Delayed d = it.next();
          if (d.dueNanos() <= now) {
            channel.send(ByteBuffer.wrap(d.data()), d.to());
            forwardedToB++;
            it.remove();
          }
        }
        if (source == null) {
          Thread.sleep(0, 200_000);
        }
      }
    } catch (IOException | InterruptedException e) {
      // closed
    }
  }

  @Override
  public void close() throws Exception {
    running = false;
    thread.join(2000);
    channel.close();
  }
}
