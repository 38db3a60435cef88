package dev.switchboard.sip.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Open TCP connections by remote address, whoever opened them, so a message to a peer reuses the
 * connection it already has (RFC 3261 §18) and the number open stays under a cap.
 */
final class ConnectionTable {
  private static final AttributeKey<Boolean> ADMITTED =
      AttributeKey.valueOf(ConnectionTable.class, "admitted");

  // A value is a connection being opened (not done yet) or an open one.
  private final ConcurrentHashMap<InetSocketAddress, CompletableFuture<Channel>> byPeer =
      new ConcurrentHashMap<>();
  private final int max;
  private final TransportCounters counters;

  ConnectionTable(int max, TransportCounters counters) {
    this.max = max;
    this.counters = counters;
  }

  /** The open or opening connection to {@code peer}; else one {@code connector} opens now. */
  CompletableFuture<Channel> obtain(
      InetSocketAddress peer, Function<InetSocketAddress, ChannelFuture> connector) {
    while (true) {
      CompletableFuture<Channel> known = byPeer.get(peer);
      if (known != null) {
        if (!known.isDone() || isOpen(known)) {
          return known;
        }
        byPeer.remove(peer, known);
        continue;
      }
      if (counters.connectionsOpen.get() >= max) {
        return CompletableFuture.failedFuture(
            new IOException("connection limit of " + max + " reached"));
      }
      CompletableFuture<Channel> fresh = new CompletableFuture<>();
      if (byPeer.putIfAbsent(peer, fresh) != null) {
        continue;
      }
      // Connect outside the map's lock: the channel may go active inline and call admit().
      ChannelFuture connect = connector.apply(peer);
      connect.channel().closeFuture().addListener(f -> byPeer.remove(peer, fresh));
      connect.addListener(
          f -> {
            if (f.isSuccess()) {
              fresh.complete(connect.channel());
            } else {
              byPeer.remove(peer, fresh);
              fresh.completeExceptionally(f.cause());
            }
          });
      return fresh;
    }
  }

  /** Counts a connection that just became active; false when over the cap (close it). */
  boolean admit(Channel channel) {
    if (counters.connectionsOpen.incrementAndGet() > max) {
      counters.connectionsOpen.decrementAndGet();
      return false;
    }
    channel.attr(ADMITTED).set(Boolean.TRUE);
    byPeer.putIfAbsent(
        (InetSocketAddress) channel.remoteAddress(), CompletableFuture.completedFuture(channel));
    return true;
  }

  /** Forgets a connection that closed. */
  void release(Channel channel, InetSocketAddress peer) {
    if (channel.attr(ADMITTED).getAndSet(null) != null) {
      counters.connectionsOpen.decrementAndGet();
    }
    if (peer != null) {
      byPeer.computeIfPresent(peer, (k, v) -> holds(v, channel) ? null : v);
    }
  }

  /** The open connection to {@code peer}, or null. */
  Channel find(InetSocketAddress peer) {
    CompletableFuture<Channel> f = byPeer.get(peer);
    return f != null && isOpen(f) ? f.join() : null;
  }

  int size() {
    return byPeer.size();
  }

  private static boolean isOpen(CompletableFuture<Channel> f) {
    return f.isDone() && !f.isCompletedExceptionally() && f.join().isActive();
  }

  private static boolean holds(CompletableFuture<Channel> f, Channel channel) {
    return f.isDone() && !f.isCompletedExceptionally() && f.join() == channel;
  }
}
