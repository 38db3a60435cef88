package dev.switchboard.server.edge;

import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * Sheds load before the receive queue overflows: when the queue in front of the SIP threads passes
 * its mark, a new dialog from a flow sending more than twice its fair share gets {@code 503} with
 * Retry-After (a flood pays, the phones of an office do not); past the high mark every new dialog
 * and new registration does. A flow is told so a few times a second; what else it sends meanwhile
 * is dropped, since answering every request of a flood costs the very capacity that is short.
 * Requests inside dialogs, CANCELs and refreshes of existing registrations are never shed: they
 * finish work already accepted.
 */
final class LoadShedder {
  private static final long FLOW_WINDOW_NANOS = 1_000_000_000L;
  // 503s one flow gets per second while shed; enough for any client to hear Retry-After.
  private static final int ANSWERS_PER_FLOW = 20;

  /** How much a request matters when capacity is short, most important first. */
  enum Priority {
    /** In-dialog requests, CANCEL, refreshes and removals of existing bindings. */
    ESSENTIAL,
    /** A REGISTER that adds a binding. */
    REGISTRATION,
    /** A request that starts something new: INVITE, SUBSCRIBE, MESSAGE, OPTIONS … */
    NEW_DIALOG
  }

  private final EdgeConfig config;
  private final DoubleSupplier backlog;
  private final SecurityLog log;
  private final RateWindow<InetSocketAddress> flows = new RateWindow<>(FLOW_WINDOW_NANOS);
  private final RateWindow<InetSocketAddress> answered = new RateWindow<>(FLOW_WINDOW_NANOS);
  private final LongAdder total = new LongAdder();
  private final AtomicBoolean overloaded = new AtomicBoolean();
  private volatile long totalAtWindow;
  private volatile long windowStart = System.nanoTime();
  private volatile double fairShare = Double.MAX_VALUE;

  LoadShedder(EdgeConfig config, DoubleSupplier backlog, SecurityLog log) {
    this.config = config;
    this.backlog = backlog;
    this.log = log;
  }

  /** What to do with a request the queue has no room for. */
  sealed interface Verdict {
    /** Answer 503 with Retry-After. */
    record Busy(SipResponse response) implements Verdict {}

    /** Drop it: the flow was told a moment ago. */
    record Drop() implements Verdict {}
  }

  private static final Verdict DROP = new Verdict.Drop();

  /** The verdict on {@code request}, or null when it may go on. */
  Verdict shed(SipRequest request, InetSocketAddress flow, Priority priority) {
    long now = System.nanoTime();
    int flowRate = flows.add(flow, now);
    total.increment();
    rollFairShare(now);
    double level = backlog.getAsDouble();
    if (!overloaded(level) || priority == Priority.ESSENTIAL) {
      return null;
    }
    boolean high = level >= config.overloadHigh();
    boolean heavy = flowRate > 2 * fairShare;
    if (!high && (priority != Priority.NEW_DIALOG || !heavy)) {
      return null;
    }
    if (answered.add(flow, now) > ANSWERS_PER_FLOW) {
      log.count("overload_dropped");
      return DROP;
    }
    log.count("overload_503");
    SipResponse busy = request.createResponse(503, "Overloaded");
    int base = config.retryAfterSeconds();
    busy.setHeader(
        HeaderNames.RETRY_AFTER,
        Integer.toString(base + ThreadLocalRandom.current().nextInt(base + 1)));
    return new Verdict.Busy(busy);
  }

  /**
   * Whether a datagram from {@code flow} may be parsed at all: under overload, not when the flow
   * sends more than twice its fair share (it was told with 503s; parsing its flood would cost what
   * the other flows need). Responses always pass.
   */
  boolean admitDatagram(InetSocketAddress flow, byte[] bytes) {
    if (!overloaded.get() || isResponse(bytes)) {
      return true;
    }
    long now = System.nanoTime();
    int rate = flows.add(flow, now);
    total.increment();
    rollFairShare(now);
    if (rate > 2 * fairShare && answered.count(flow, now) >= ANSWERS_PER_FLOW) {
      log.count("overload_dropped_early");
      return false;
    }
    return true;
  }

  private static boolean isResponse(byte[] b) {
    return b.length > 4 && b[0] == 'S' && b[1] == 'I' && b[2] == 'P' && b[3] == '/';
  }

  /** Enters overload at the mark and leaves it below half the mark, recording both. */
  private boolean overloaded(double level) {
    if (level < 0) {
      return false; // this OS does not tell us the queue: never shed on a guess
    }
    if (level >= config.overloadMark()) {
      if (overloaded.compareAndSet(false, true)) {
        log.record(
            "overload-started",
            null,
            null,
            String.format(
                java.util.Locale.ROOT,
                "receive queue %.0f %% full: shedding new work",
                level * 100));
      }
      return true;
    }
    if (level < config.overloadMark() / 2 && overloaded.compareAndSet(true, false)) {
      log.record("overload-ended", null, null, "receive queue back under its mark");
    }
    return overloaded.get();
  }

  /** Once a window: the requests per flow a fair split of the last window would give. */
  private void rollFairShare(long now) {
    long start = windowStart;
    if (now - start < FLOW_WINDOW_NANOS) {
      return;
    }
    synchronized (this) {
      if (windowStart != start) {
        return;
      }
      long sum = total.sum();
      long inWindow = sum - totalAtWindow;
      totalAtWindow = sum;
      windowStart = now;
      flows.sweep(now);
      answered.sweep(now);
      int active = Math.max(1, flows.size());
      fairShare = (double) inWindow / active;
    }
  }

  boolean isOverloaded() {
    return overloaded.get();
  }
}
