package dev.switchboard.media.dtmf;

import dev.switchboard.media.Narrowband;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Turns queued DTMF keys into RFC 4733 packets, one per 20 ms tick: a first packet with the marker
 * bit, continuation packets with a growing duration, then the end packet sent three times
 * (§2.5.1.4), all with the event's start timestamp; between keys the stream sends audio again for a
 * gap. Used by one thread (the clock's).
 */
public final class TelephoneEventSender {

  private static final int END_REPEATS = 3;

  /**
   * One packet to send in place of this tick's audio.
   *
   * @param marker set on the first packet of an event
   * @param timestamp the event's start timestamp (the same for every packet of it)
   * @param payload the 4-byte RFC 4733 payload
   */
  public record Packet(boolean marker, long timestamp, byte[] payload) {}

  private final Queue<Character> keys = new ArrayDeque<>();
  private final int toneSamples;
  private final int gapSamples;
  private final int volume;

  private boolean inEvent;
  private int eventCode;
  private long startTimestamp;
  private int sentDuration;
  private int endsSent;
  private int gapLeft;

  /**
   * @param toneMillis how long each key is held (40..8000 ms)
   * @param gapMillis audio between keys
   * @param volume power level in -dBm0 (10 is usual)
   */
  public TelephoneEventSender(int toneMillis, int gapMillis, int volume) {
    if (toneMillis < 40 || toneMillis > 8000) {
      throw new IllegalArgumentException("DTMF tone must last 40..8000 ms: " + toneMillis);
    }
    this.toneSamples = Narrowband.samples(toneMillis);
    this.gapSamples = Narrowband.samples(gapMillis);
    this.volume = volume;
  }

  /** Sender with 100 ms tones, 100 ms gaps, -10 dBm0. */
  public TelephoneEventSender() {
    this(100, 100, 10);
  }

  /** Queues keys to send; anything but 0-9 * # A-D is refused whole. */
  public synchronized void send(String digits) {
    for (char c : digits.toCharArray()) {
      if (!DtmfDigit.isKey(Character.toUpperCase(c))) {
        throw new IllegalArgumentException("not a DTMF key: '" + c + "' in \"" + digits + "\"");
      }
    }
    for (char c : digits.toCharArray()) {
      keys.add(Character.toUpperCase(c));
    }
  }

  /** Whether an event is being sent or keys are waiting. */
  public synchronized boolean busy() {
    return inEvent || !keys.isEmpty();
  }

  /**
   * This tick's packet, or {@code null} when the stream should send audio.
   *
   * @param streamTimestamp the timestamp this tick's audio frame would carry
   */
  public synchronized Packet tick(long streamTimestamp) {
    int frame = Narrowband.FRAME_SAMPLES;
    if (!inEvent) {
      if (gapLeft > 0) {
        gapLeft -= frame;
        return null;
      }
      Character next = keys.poll();
      if (next == null) {
        return null;
      }
      inEvent = true;
      eventCode = DtmfDigit.eventCode(next);
      startTimestamp = streamTimestamp;
      sentDuration = frame;
      endsSent = 0;
      return packet(true, false);
    }
    if (sentDuration < toneSamples) {
      sentDuration = Math.min(toneSamples, sentDuration + frame);
      return packet(false, false);
    }
    endsSent++;
    if (endsSent == END_REPEATS) {
      inEvent = false;
      gapLeft = gapSamples;
    }
    return packet(false, true);
  }

  private Packet packet(boolean marker, boolean end) {
    return new Packet(
        marker,
        startTimestamp & 0xFFFF_FFFFL,
        new TelephoneEvent(eventCode, end, volume, sentDuration).toBytes());
  }
}
