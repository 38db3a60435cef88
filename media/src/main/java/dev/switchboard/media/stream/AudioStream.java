package dev.switchboard.media.stream;

import dev.switchboard.media.FrameSink;
import dev.switchboard.media.FrameSource;
import dev.switchboard.media.MalformedMediaException;
import dev.switchboard.media.Narrowband;
import dev.switchboard.media.clock.TickCounter;
import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.dtmf.DtmfDigit;
import dev.switchboard.media.dtmf.TelephoneEvent;
import dev.switchboard.media.dtmf.TelephoneEventReceiver;
import dev.switchboard.media.dtmf.TelephoneEventSender;
import dev.switchboard.media.jitter.JitterBuffer;
import dev.switchboard.media.rtp.MediaTransport;
import dev.switchboard.media.rtp.RtpPacket;
import dev.switchboard.media.rtp.RtpSession;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * One call leg's audio: an RTP session with a negotiated codec and telephone-event payload type. As
 * a {@link FrameSink} it encodes and sends a frame per tick (or RFC 4733 packets in its place while
 * keys are being sent); as a {@link FrameSource} it plays out received audio through its jitter
 * buffer. Received keys go to the digit listener. Exactly one clock task should read and one should
 * write it (a patch, a mixer).
 */
public final class AudioStream implements FrameSource, FrameSink, AutoCloseable {

  /**
   * How the stream was negotiated.
   *
   * @param codec the audio codec
   * @param telephoneEventPayloadType the RFC 4733 payload type (101 is usual), or -1 for none
   * @param jitterBuffer the playout buffer for received audio
   */
  public record Config(
      AudioCodec codec, int telephoneEventPayloadType, JitterBuffer jitterBuffer) {}

  /** A snapshot of the stream's counters next to its session's and jitter buffer's. */
  public record Stats(
      RtpSession.Stats rtp,
      JitterBuffer.Stats jitterBuffer,
      long framesSent,
      long eventPacketsSent,
      long unsupportedPackets) {}

  private final RtpSession session;
  private final AudioCodec codec;
  private final int eventPayloadType;
  private final JitterBuffer jitterBuffer;
  private final TelephoneEventSender keySender = new TelephoneEventSender();
  private final TelephoneEventReceiver keyReceiver;
  private final short[] decoded = new short[Narrowband.FRAME_SAMPLES * 8];
  private final byte[] payload;
  private volatile Consumer<DtmfDigit> digitListener = d -> {};
  private volatile Consumer<String> byeListener = reason -> {};
  private final TickCounter sendTicks = new TickCounter();
  private final TickCounter playoutTicks = new TickCounter();
  private long timestamp;
  private boolean talkspurtStart = true;
  private long framesSent;
  private long eventPacketsSent;
  private volatile long unsupported;

  private AudioStream(RtpSession.Settings settings, MediaTransport transport, Config config)
      throws IOException {
    this.codec = config.codec();
    this.eventPayloadType = config.telephoneEventPayloadType();
    this.jitterBuffer = config.jitterBuffer();
    this.payload = new byte[codec.payloadBytes(Narrowband.FRAME_SAMPLES)];
    this.keyReceiver = new TelephoneEventReceiver(codec.clockRate(), d -> digitListener.accept(d));
    this.session = transport.openSession(settings, new Receiver());
    this.timestamp = session.initialTimestamp();
  }

  /** Opens a stream on the next free port pair of {@code transport}. */
  public static AudioStream open(
      MediaTransport transport, RtpSession.Settings settings, Config config) throws IOException {
    return new AudioStream(settings, transport, config);
  }

  /** The RTP session underneath (ports, remote address, statistics). */
  public RtpSession session() {
    return session;
  }

  /** Sets who hears about received keys (RFC 4733); called on the network or clock thread. */
  public void onDigit(Consumer<DtmfDigit> listener) {
    this.digitListener = listener;
  }

  /** Sets who hears that the remote left (RTCP BYE, with its reason); network thread. */
  public void onBye(Consumer<String> listener) {
    this.byeListener = listener;
  }

  /** Queues keys to send as RFC 4733 events. */
  public void sendDigits(String digits) {
    if (eventPayloadType < 0) {
      throw new IllegalStateException("telephone-event was not negotiated on this stream");
    }
    keySender.send(digits);
  }

  /** Whether keys are still being sent. */
  public boolean sendingDigits() {
    return keySender.busy();
  }

  /**
   * Plays out the frame for this tick; the frames of ticks the clock dropped are dropped from the
   * jitter buffer too, so the playout delay does not grow by them.
   */
  @Override
  public short[] nextFrame(long tickNanos) {
    int skipped = playoutTicks.advance(tickNanos);
    if (skipped > 0) {
      jitterBuffer.skip(skipped);
    }
    return nextFrame();
  }

  /** Plays out the next received frame (silence or concealment when none arrived). */
  @Override
  public short[] nextFrame() {
    long now = System.nanoTime();
    keyReceiver.onTick(now);
    session.sendReportIfDue(now);
    return jitterBuffer.poll();
  }

  /**
   * Sends the frame for this tick; after ticks the clock dropped, the timestamp jumps by them, so
   * the receiver sees a gap (which it conceals) rather than a sender whose clock runs slow.
   */
  @Override
  public void accept(short[] frame, long tickNanos) {
    int skipped = sendTicks.advance(tickNanos);
    if (skipped > 0) {
      timestamp += (long) skipped * Narrowband.FRAME_SAMPLES;
      talkspurtStart = true;
    }
    accept(frame);
  }

  /**
   * Sends this tick's frame; {@code null} sends nothing (silence suppression) but the timestamp
   * still advances and the next packet carries the marker bit.
   */
  @Override
  public void accept(short[] frame) {
    session.sendReportIfDue(System.nanoTime());
    TelephoneEventSender.Packet key = eventPayloadType < 0 ? null : keySender.tick(timestamp);
    if (key != null) {
      session.send(eventPayloadType, key.marker(), key.timestamp(), key.payload());
      eventPacketsSent++;
      talkspurtStart = true;
    } else if (frame != null) {
      codec.encode(frame, 0, Narrowband.FRAME_SAMPLES, payload, 0);
      session.send(codec.payloadType(), talkspurtStart, timestamp & 0xFFFF_FFFFL, payload);
      talkspurtStart = false;
      framesSent++;
    } else {
      talkspurtStart = true;
    }
    timestamp += Narrowband.FRAME_SAMPLES;
  }

  /** The stream's counters. */
  public Stats stats() {
    return new Stats(
        session.stats(), jitterBuffer.stats(), framesSent, eventPacketsSent, unsupported);
  }

  /** Sends RTCP BYE and closes the ports. */
  @Override
  public void close() {
    session.close();
  }

  private final class Receiver implements RtpSession.Listener {
    @Override
    public void onBye(long ssrc, String reason) {
      byeListener.accept(reason);
    }

    @Override
    public void onRtp(RtpPacket packet, long arrivalNanos) {
      int pt = packet.payloadType();
      if (pt == codec.payloadType()) {
        byte[] data = packet.payload();
        int samples = codec.samples(data.length);
        // we play 20 ms frames: packets of 20, 40, 60 ... ms are split, other sizes dropped
        if (samples == 0 || samples % Narrowband.FRAME_SAMPLES != 0 || samples > decoded.length) {
          unsupported++;
          return;
        }
        synchronized (decoded) {
          codec.decode(data, 0, data.length, decoded, 0);
          for (int at = 0; at < samples; at += Narrowband.FRAME_SAMPLES) {
            jitterBuffer.offer((packet.timestamp() + at) & 0xFFFF_FFFFL, decoded, at);
          }
        }
      } else if (pt == eventPayloadType) {
        try {
          keyReceiver.onPacket(
              packet.timestamp(), TelephoneEvent.parse(packet.payload()), arrivalNanos);
        } catch (MalformedMediaException e) {
          unsupported++;
        }
      } else {
        unsupported++; // comfort noise and anything not negotiated
      }
    }
  }
}
