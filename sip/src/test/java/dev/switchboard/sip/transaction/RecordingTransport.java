package dev.switchboard.sip.transaction;

import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.SipTransport;
import dev.switchboard.sip.transport.TransportKind;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A fake transport at the layer boundary: records what is sent, when, and can fail sends. */
final class RecordingTransport implements SipTransport {

  /** One message handed to the transport. */
  record Sent(Duration at, SipMessage message, Endpoint to) {
    /** The method of a request or the status of a response, e.g. "INVITE" or "486". */
    String what() {
      return message instanceof SipRequest r
          ? r.method()
          : Integer.toString(((SipResponse) message).status());
    }

    SipRequest request() {
      return (SipRequest) message;
    }

    SipResponse response() {
      return (SipResponse) message;
    }
  }

  private final VirtualClock clock;
  private final List<Sent> sent = new ArrayList<>();
  private final List<CompletableFuture<Void>> held = new ArrayList<>();
  private Throwable failure;
  private boolean hold;

  RecordingTransport(VirtualClock clock) {
    this.clock = clock;
  }

  @Override
  public CompletionStage<Void> send(SipMessage message, Endpoint to) {
    sent.add(new Sent(clock.now(), message, to));
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    if (hold) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      held.add(f);
      return f;
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public InetSocketAddress listenAddress(TransportKind kind) {
    return new InetSocketAddress("203.0.113.5", kind.defaultPort());
  }

  /** Every send from now on fails at once with {@code cause}. */
  void failWith(Throwable cause) {
    failure = cause;
  }

  /** Sends from now on stay pending until {@link #failHeld}. */
  void hold() {
    hold = true;
  }

  /** Fails the pending sends later, as a connection reset reported after the fact would. */
  void failHeld(Throwable cause) {
    for (CompletableFuture<Void> f : held) {
      f.completeExceptionally(cause);
    }
    held.clear();
  }

  List<Sent> all() {
    return List.copyOf(sent);
  }

  List<Sent> of(String what) {
    return sent.stream().filter(s -> s.what().equals(what)).toList();
  }

  /** When each message of that kind was sent, in seconds, e.g. [0.0, 0.5, 1.5]. */
  List<Double> secondsOf(String what) {
    return of(what).stream().map(s -> s.at().toMillis() / 1000.0).toList();
  }

  List<String> whats() {
    return sent.stream().map(Sent::what).toList();
  }

  Sent last() {
    return sent.get(sent.size() - 1);
  }

  void clear() {
    sent.clear();
  }
}
