package dev.switchboard.server.pbx;

import dev.switchboard.server.location.Binding;
import dev.switchboard.server.location.LocationService;
import dev.switchboard.server.proxy.ProxyAddress;
import dev.switchboard.server.proxy.TargetResolver.Resolution;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.Parameters;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.Via;
import dev.switchboard.sip.transaction.TransactionLayer;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.store.pbx.MessageRepository;
import dev.switchboard.store.pbx.StoredMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instant messages (RFC 3428 MESSAGE) for extensions with no phone registered: kept with {@code 202
 * Accepted} and sent, oldest first, to the recipient's phone once one registers, until they expire.
 * All state is touched on one worker thread, which also does the database writes.
 */
public final class MessageStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MessageStore.class);

  /** The longest body kept, in characters (the table's column). */
  public static final int MAX_BODY = 8000;

  /** How long a message waits for its recipient. */
  public static final Duration KEEP = Duration.ofDays(7);

  /** Failed delivery attempts (the phone answered an error) before a message is given up. */
  static final int MAX_ATTEMPTS = 5;

  /** Where messages are kept: the database in production, a list in tests. */
  public interface Mailbox {
    StoredMessage insert(StoredMessage m);

    List<StoredMessage> waiting();

    void settle(long id, String status, Instant at);
  }

  /** The database as mailbox. */
  public static Mailbox database(MessageRepository messages) {
    return new Mailbox() {
      @Override
      public StoredMessage insert(StoredMessage m) {
        return messages.insert(m);
      }

      @Override
      public List<StoredMessage> waiting() {
        return messages.waiting();
      }

      @Override
      public void settle(long id, String status, Instant at) {
        messages.settle(id, status, at);
      }
    };
  }

  /** What a delivery needs of the running SIP stack. */
  private record Stack(TransactionLayer layer, ProxyAddress address, LocationService location) {}

  private final Mailbox mailbox;
  private final Clock clock;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "message-store");
            t.setDaemon(true);
            return t;
          });
  // Worker thread only: waiting messages per recipient AOR, recipients with a MESSAGE out, tries.
  private final Map<String, Deque<StoredMessage>> queues = new HashMap<>();
  private final Set<String> sending = new HashSet<>();
  private final Map<Long, Integer> attempts = new HashMap<>();
  private Stack stack;

  private MessageStore(Mailbox mailbox, Clock clock) {
    this.mailbox = mailbox;
    this.clock = clock;
  }

  /** Loads the messages still waiting; delivery starts once the stack is bound. */
  public static MessageStore open(Mailbox mailbox, Clock clock) {
    MessageStore s = new MessageStore(mailbox, clock);
    for (StoredMessage m : mailbox.waiting()) {
      s.queues.computeIfAbsent(m.recipient(), k -> new ArrayDeque<>()).add(m);
    }
    return s;
  }

  /** Starts delivering through {@code layer}, checking who registered every {@code poll}. */
  void start(
      TransactionLayer layer, ProxyAddress address, LocationService location, Duration poll) {
    worker.execute(() -> stack = new Stack(layer, address, location));
    long ms = poll.toMillis();
    worker.scheduleWithFixedDelay(this::deliverQuietly, ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Keeps {@code request} for {@code aor} of {@code domain}; completes with the answer for the
   * sender: 202 once stored, 413 or 415 for what cannot be kept.
   */
  CompletionStage<Resolution> store(SipRequest request, String aor, String domain) {
    byte[] raw = request.body() == null ? new byte[0] : request.body();
    String type = request.contentType() == null ? "text/plain" : request.contentType();
    String body;
    try {
      body =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw))
              .toString();
    } catch (CharacterCodingException e) {
      return done(new Resolution.Answer(415, "Only UTF-8 text can be kept"));
    }
    if (body.length() > MAX_BODY) {
      return done(new Resolution.Answer(413, "Message too large to keep"));
    }
    if (type.length() > 128) {
      return done(new Resolution.Answer(415, "Content-Type too long"));
    }
    Instant now = clock.instant();
    StoredMessage m =
        new StoredMessage(
            0,
            domain,
            aor,
            request.from().uri().toString(),
            type,
            body,
            now,
            now.plus(KEEP),
            "stored",
            null);
    CompletableFuture<Resolution> answer = new CompletableFuture<>();
    worker.execute(
        () -> {
          try {
            StoredMessage kept = mailbox.insert(m);
            queues.computeIfAbsent(aor, k -> new ArrayDeque<>()).add(kept);
            answer.complete(new Resolution.Answer(202, "Accepted"));
          } catch (RuntimeException e) {
            LOG.warn("could not keep a message for {}: {}", aor, e.toString());
            answer.complete(new Resolution.Answer(500, "Message could not be kept"));
          }
        });
    return answer;
  }

  private static CompletionStage<Resolution> done(Resolution r) {
    return CompletableFuture.completedFuture(r);
  }

  private void deliverQuietly() {
    try {
      deliver();
    } catch (RuntimeException e) {
      LOG.warn("message delivery failed, retrying: {}", e.toString());
    }
  }

  /** Sends the oldest waiting message of every recipient that has a phone registered now. */
  private void deliver() {
    if (stack == null) {
      return;
    }
    Instant now = clock.instant();
    for (Map.Entry<String, Deque<StoredMessage>> e : queues.entrySet()) {
      String aor = e.getKey();
      Deque<StoredMessage> q = e.getValue();
      while (!q.isEmpty() && !q.peek().expiresAt().isAfter(now)) {
        mailbox.settle(q.poll().id(), "expired", now);
      }
      if (q.isEmpty() || sending.contains(aor)) {
        continue;
      }
      Binding phone =
          stack.location().lookup(aor).stream()
              .filter(b -> !b.expired(now) && b.source() != null)
              .findFirst()
              .orElse(null);
      if (phone != null) {
        send(aor, q.peek(), phone);
      }
    }
    queues.values().removeIf(Deque::isEmpty);
  }

  private void send(String aor, StoredMessage m, Binding phone) {
    Address contact = phone.contact();
    SipRequest r = SipRequest.create(SipRequest.MESSAGE, contact.uri());
    Endpoint hop = phone.source();
    r.pushVia(
        new Via(
            hop.transport().viaName(),
            stack.address().host(),
            stack.address().port(),
            Parameters.NONE.with("branch", stack.layer().newBranch()).with("rport", null)));
    r.setHeader(HeaderNames.MAX_FORWARDS, "70");
    for (Address p : phone.path()) {
      r.addHeader(HeaderNames.ROUTE, p.toString());
    }
    r.setHeader(HeaderNames.FROM, "<" + m.sender() + ">;tag=" + token());
    r.setHeader(HeaderNames.TO, "<" + aor + ">");
    r.setHeader(
        HeaderNames.CALL_ID, "msg-" + m.id() + "-" + token() + "@" + stack.address().host());
    r.setHeader(HeaderNames.CSEQ, "1 MESSAGE");
    // The phone shows when the message was sent, not when it was delivered (RFC 3428 §9).
    r.setHeader(
        HeaderNames.DATE,
        DateTimeFormatter.RFC_1123_DATE_TIME.format(m.receivedAt().atOffset(ZoneOffset.UTC)));
    r.setBody(m.body().getBytes(StandardCharsets.UTF_8), m.contentType());
    sending.add(aor);
    try {
      stack.layer().sendRequest(r, hop, (tx, response) -> onResponse(aor, m, response));
    } catch (RuntimeException e) {
      sending.remove(aor);
      LOG.warn("could not send a kept message to {}: {}", aor, e.toString());
    }
  }

  private void onResponse(String aor, StoredMessage m, SipResponse response) {
    if (response.isProvisional()) {
      return;
    }
    worker.execute(
        () -> {
          sending.remove(aor);
          Deque<StoredMessage> q = queues.get(aor);
          boolean ok = response.statusClass() == 2;
          int tries = ok ? 0 : attempts.merge(m.id(), 1, Integer::sum);
          if (ok || tries >= MAX_ATTEMPTS) {
            mailbox.settle(m.id(), ok ? "delivered" : "failed", clock.instant());
            attempts.remove(m.id());
            if (q != null && q.peek() == m) {
              q.poll();
            }
            if (ok) {
              deliver(); // the next one at once, so a backlog arrives in order without waiting
            }
          }
        });
  }

  private static String token() {
    return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
