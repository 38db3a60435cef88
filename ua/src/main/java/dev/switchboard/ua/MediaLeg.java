package dev.switchboard.ua;

import dev.switchboard.media.FrameSink;
import dev.switchboard.media.FrameSource;
import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.G711;
import dev.switchboard.media.jitter.JitterBuffer;
import dev.switchboard.media.rtp.RtpSession;
import dev.switchboard.media.stream.AudioStream;
import dev.switchboard.sip.sdp.Connection;
import dev.switchboard.sip.sdp.Direction;
import dev.switchboard.sip.sdp.LocalMediaCapabilities;
import dev.switchboard.sip.sdp.MediaAddress;
import dev.switchboard.sip.sdp.MediaCapability;
import dev.switchboard.sip.sdp.NegotiatedStream;
import dev.switchboard.sip.sdp.OfferAnswer;
import dev.switchboard.sip.sdp.SessionDescription;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * The audio of one call: an {@link AudioStream} on a port of its own and the offer/answer state
 * around it (what we last sent, what was agreed). As a sink it sends only while the agreed
 * direction lets us (a held call gets silence-suppressed frames, its timestamps still running).
 */
public final class MediaLeg implements FrameSink, FrameSource, AutoCloseable {
  private final MediaSettings settings;
  private final AudioStream stream;
  private SessionDescription local;
  private volatile Direction direction = Direction.SENDRECV;
  private volatile boolean closed;

  private MediaLeg(MediaSettings settings, AudioStream stream) {
    this.settings = settings;
    this.stream = stream;
  }

  static MediaLeg open(MediaSettings settings) throws IOException {
    AudioStream stream =
        AudioStream.open(
            settings.transport(),
            RtpSession.Settings.g711(null, settings.cname()),
            new AudioStream.Config(G711.PCMU, 101, JitterBuffer.adaptive(2, 10)));
    return new MediaLeg(settings, stream);
  }

  /** The stream underneath: digits, statistics, the session. */
  public AudioStream stream() {
    return stream;
  }

  /** What we may do now: sendrecv, or less while one side holds. */
  public Direction direction() {
    return direction;
  }

  private LocalMediaCapabilities caps() {
    return new LocalMediaCapabilities(
        "-",
        Connection.of(settings.advertisedAddress()),
        List.of(MediaCapability.g711Audio(stream.session().localPort())));
  }

  /** An offer: the first one, or a re-offer keeping our origin (RFC 3264 §8). */
  synchronized SessionDescription offer() {
    if (local == null) {
      local = OfferAnswer.offer(caps(), OfferAnswer.newOrigin("-", settings.advertisedAddress()));
    } else {
      local = OfferAnswer.revise(local, OfferAnswer.offer(caps(), local.origin()));
    }
    return local;
  }

  /** A re-offer putting the call on hold (sendonly) or taking it off (sendrecv). */
  synchronized SessionDescription holdOffer(boolean hold) {
    if (local == null) {
      throw new IllegalStateException("no session to hold yet");
    }
    local = hold ? OfferAnswer.hold(local) : OfferAnswer.resume(local);
    return local;
  }

  /** The last description we sent, for a session refresh that changes nothing. */
  synchronized SessionDescription current() {
    return local;
  }

  /**
   * Our answer to {@code offer}, applied at once.
   *
   * @throws NotAcceptable when no audio stream with G.711 can be agreed
   */
  synchronized SessionDescription answer(SessionDescription offer) throws NotAcceptable {
    SessionDescription answer =
        local == null
            ? OfferAnswer.answer(offer, caps())
            : OfferAnswer.answer(offer, caps(), local);
    apply(OfferAnswer.negotiated(offer, answer, OfferAnswer.Role.ANSWERER));
    local = answer;
    return answer;
  }

  /** The peer answered our offer. */
  synchronized void answered(SessionDescription offer, SessionDescription answer)
      throws NotAcceptable {
    apply(OfferAnswer.negotiated(offer, answer, OfferAnswer.Role.OFFERER));
  }

  private void apply(List<NegotiatedStream> streams) throws NotAcceptable {
    for (NegotiatedStream s : streams) {
      if (s.isRejected() || !s.media().equals("audio")) {
        continue;
      }
      AudioCodec codec = codecOf(s.send().orElseThrow().codec().encodingName());
      if (codec == null) {
        continue;
      }
      stream.negotiated(codec, s.sendTelephoneEvent().orElse(-1));
      if (s.remote().isPresent()) {
        InetSocketAddress remote = address(s.remote().get());
        if (remote != null && remote.getPort() > 0) {
          stream.session().setRemote(remote);
        }
      }
      direction = s.direction();
      return;
    }
    throw new NotAcceptable("no G.711 audio stream in the offer");
  }

  private static AudioCodec codecOf(String encodingName) {
    return switch (encodingName.toUpperCase(Locale.ROOT)) {
      case "PCMU" -> G711.PCMU;
      case "PCMA" -> G711.PCMA;
      default -> null;
    };
  }

  private static InetSocketAddress address(MediaAddress a) {
    InetAddress ip = Hops.literal(a.host());
    return ip == null ? null : new InetSocketAddress(ip, a.port());
  }

  /** Sends {@code frame} when the agreed direction lets us send, else keeps time silently. */
  @Override
  public void accept(short[] frame, long tickNanos) {
    if (!closed) {
      stream.accept(direction.sends() ? frame : null, tickNanos);
    }
  }

  @Override
  public void accept(short[] frame) {
    if (!closed) {
      stream.accept(direction.sends() ? frame : null);
    }
  }

  /** What we hear; null once the call is over (a patch from it then ends). */
  @Override
  public short[] nextFrame(long tickNanos) {
    return closed ? null : stream.nextFrame(tickNanos);
  }

  @Override
  public short[] nextFrame() {
    return closed ? null : stream.nextFrame();
  }

  /** Whether the call's media is closed. */
  public boolean closed() {
    return closed;
  }

  /** Sends RTCP BYE and frees the ports; patches still attached see silence from now on. */
  @Override
  public void close() {
    closed = true;
    stream.close();
  }

  /** No stream of the offer could be taken (RFC 3261 488 Not Acceptable Here). */
  public static final class NotAcceptable extends Exception {
    private static final long serialVersionUID = 1L;

    NotAcceptable(String message) {
      super(message);
    }
  }
}
