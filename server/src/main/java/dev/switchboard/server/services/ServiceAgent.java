package dev.switchboard.server.services;

import dev.switchboard.media.clock.MediaClock;
import dev.switchboard.media.rtp.MediaTransport;
import dev.switchboard.media.rtp.PortRange;
import dev.switchboard.server.sip.LocalUserAgent;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.transaction.InviteServerTransaction;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.sip.transaction.TimerService;
import dev.switchboard.sip.transaction.TransactionLayer;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.ua.Call;
import dev.switchboard.ua.CallListener;
import dev.switchboard.ua.LocalContact;
import dev.switchboard.ua.MediaSettings;
import dev.switchboard.ua.UaCore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A user agent inside the node for one media service: it answers the calls the service takes, and
 * places calls of its own through the node's proxy (so the dial plan, groups and forwarding apply
 * to them as to any caller's). Its RTP ports come from the node's range; its work runs on one
 * thread of its own.
 */
public final class ServiceAgent implements LocalUserAgent, AutoCloseable {
  private final MediaClock media;
  private final MediaTransport rtp;
  private final UaCore core;
  private final ScheduledExecutorService work;
  private final ConcurrentHashMap<String, Consumer<Call>> waiting = new ConcurrentHashMap<>();

  private ServiceAgent(
      String name,
      TransactionLayer layer,
      TimerService timers,
      LocalContact contact,
      InetAddress rtpAddress,
      PortRange rtpPorts)
      throws IOException {
    this.media = MediaClock.start(name + "-media", 1);
    this.rtp = MediaTransport.open(rtpAddress, rtpPorts);
    Endpoint self = Endpoint.udp(new InetSocketAddress(contact.host(), contact.port()));
    this.core =
        new UaCore(
            layer,
            timers,
            contact,
            MediaSettings.of(rtp, media, name + "@" + contact.host()),
            UaCore.Settings.of("Switchboard " + name)
                .withContactUser(name)
                .withOutboundProxy(self));
    this.work =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    core.setIncomingCallHandler(this::onIncoming);
  }

  /**
   * Opens RTP ports of {@code rtpPorts} on {@code rtpAddress} and a media clock; {@code name} is
   * our Contact user and names the threads.
   */
  public static ServiceAgent start(
      String name,
      TransactionLayer layer,
      TimerService timers,
      LocalContact contact,
      InetAddress rtpAddress,
      PortRange rtpPorts)
      throws IOException {
    return new ServiceAgent(name, layer, timers, contact, rtpAddress, rtpPorts);
  }

  /**
   * On the work thread: looks up what the INVITE on {@code tx} is for (a blocking look-up is fine
   * there); refuses it with {@code refusal} when nothing is found, else answers it as a call handed
   * to {@code onCall} with what was found.
   */
  public <T> void take(
      ServerTransaction tx, Supplier<Optional<T>> lookup, int refusal, BiConsumer<Call, T> onCall) {
    take(
        tx,
        t -> {
          Optional<T> found = lookup.get();
          if (found.isEmpty()) {
            t.respond(refusal);
          }
          return found;
        },
        onCall);
  }

  /**
   * As {@link #take(ServerTransaction, Supplier, int, BiConsumer)}, but {@code admit} answers the
   * INVITE itself (with a reason of its own) when it returns empty.
   */
  public <T> void take(
      ServerTransaction tx,
      Function<ServerTransaction, Optional<T>> admit,
      BiConsumer<Call, T> onCall) {
    work.execute(
        () -> {
          Optional<T> found = admit.apply(tx);
          if (found.isEmpty()) {
            return;
          }
          String callId = tx.request().callId();
          waiting.put(callId, call -> onCall.accept(call, found.get()));
          core.onRequest(tx);
          // The core hands a new call over before it returns; what is left was refused (bad SDP).
          waiting.remove(callId);
        });
  }

  private void onIncoming(Call call) {
    Consumer<Call> onCall = waiting.remove(call.request().callId());
    if (onCall == null) {
      call.reject(480);
      return;
    }
    work.execute(() -> onCall.accept(call));
  }

  /** Calls {@code to} as {@code from} through the node's proxy. */
  public Call call(Address from, Address to, CallListener listener) throws IOException {
    return core.call(from, to, listener);
  }

  /** The clock that runs this service's audio. */
  public MediaClock media() {
    return media;
  }

  /** The service's own thread: every call's state is touched only here. */
  public ScheduledExecutorService work() {
    return work;
  }

  @Override
  public boolean owns(SipRequest request) {
    return core.owns(request);
  }

  @Override
  public void onRequest(ServerTransaction tx) {
    core.onRequest(tx);
  }

  @Override
  public boolean onAck(SipRequest ack, Endpoint source) {
    return core.onAck(ack, source);
  }

  @Override
  public boolean onCancel(InviteServerTransaction target, SipRequest cancel) {
    return core.onCancel(target, cancel);
  }

  /** Hangs up every call, and frees the RTP ports and the media clock. */
  @Override
  public void close() {
    for (Call c : core.calls()) {
      c.hangup();
    }
    work.shutdown();
    try {
      work.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    rtp.close();
    media.close();
  }
}
