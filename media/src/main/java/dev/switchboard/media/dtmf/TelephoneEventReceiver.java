package dev.switchboard.media.dtmf;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Turns received RFC 4733 packets into keys: an event is known by its RTP timestamp, so the
 * continuation and the three end packets of one press give one key, and a late packet of an event
 * already reported gives nothing. A press whose end packets were all lost is reported when the next
 * event starts or after {@code timeout} without packets. Thread-safe.
 */
public final class TelephoneEventReceiver {

  private static final long TIMEOUT_NANOS = 500_000_000L;

  private final int clockRate;
  private final Consumer<DtmfDigit> listener;
  private final long[] recentlyEnded = new long[8];
  private int recentIndex;

  private boolean inEvent;
  private long eventTimestamp;
  private int eventCode;
  private int duration;
  private long lastPacketNanos;
  private long ignored;

  /** Reports each key to {@code listener} once, when it ends. */
  public TelephoneEventReceiver(int clockRate, Consumer<DtmfDigit> listener) {
    this.clockRate = clockRate;
    this.listener = listener;
    java.util.Arrays.fill(recentlyEnded, -1);
  }

  /** Takes one packet's timestamp and payload. */
  public void onPacket(long rtpTimestamp, TelephoneEvent event, long arrivalNanos) {
    DtmfDigit finished = null;
    DtmfDigit previous = null;
    synchronized (this) {
      if (wasReported(rtpTimestamp)) {
        return; // retransmitted end, or a straggler of a finished press
      }
      if (DtmfDigit.keyOf(event.event()) == 0) {
        ignored++; // flash, tones and other non-key events
        return;
      }
      if (inEvent && rtpTimestamp != eventTimestamp) {
        previous = finish(); // its end packets were lost
      }
      if (!inEvent) {
        inEvent = true;
        eventTimestamp = rtpTimestamp;
        eventCode = event.event();
        duration = 0;
      }
      duration = Math.max(duration, event.duration());
      lastPacketNanos = arrivalNanos;
      if (event.end()) {
        finished = finish();
      }
    }
    if (previous != null) {
      listener.accept(previous);
    }
    if (finished != null) {
      listener.accept(finished);
    }
  }

  /** Ends a press whose packets stopped without an end packet; call once per tick. */
  public void onTick(long nowNanos) {
    DtmfDigit finished = null;
    synchronized (this) {
      if (inEvent && nowNanos - lastPacketNanos > TIMEOUT_NANOS) {
        finished = finish();
      }
    }
    if (finished != null) {
      listener.accept(finished);
    }
  }

  /** Events that were not keys (flash, tones), ignored. */
  public synchronized long ignoredEvents() {
    return ignored;
  }

  private boolean wasReported(long timestamp) {
    for (long t : recentlyEnded) {
      if (t == timestamp) {
        return true;
      }
    }
    return false;
  }

  private DtmfDigit finish() {
    inEvent = false;
    recentlyEnded[recentIndex] = eventTimestamp;
    recentIndex = (recentIndex + 1) % recentlyEnded.length;
    return new DtmfDigit(
        DtmfDigit.keyOf(eventCode), Duration.ofMillis(duration * 1000L / clockRate));
  }
}
