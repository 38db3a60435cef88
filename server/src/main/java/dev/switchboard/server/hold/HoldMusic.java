package dev.switchboard.server.hold;

import dev.switchboard.media.clock.AudioPatch;
import dev.switchboard.media.clock.MediaClock;
import dev.switchboard.media.codec.G711;
import dev.switchboard.media.jitter.JitterBuffer;
import dev.switchboard.media.rtp.MediaTransport;
import dev.switchboard.media.rtp.PortRange;
import dev.switchboard.media.rtp.RtpSession;
import dev.switchboard.media.stream.AudioStream;
import dev.switchboard.server.proxy.CallPlan;
import dev.switchboard.server.proxy.InDialogHook;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.sdp.Connection;
import dev.switchboard.sip.sdp.Direction;
import dev.switchboard.sip.sdp.MediaDescription;
import dev.switchboard.sip.sdp.OfferAnswer;
import dev.switchboard.sip.sdp.SdpParseException;
import dev.switchboard.sip.sdp.SessionDescription;
import dev.switchboard.store.media.HoldMusicFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Music on hold through a proxy: when a re-INVITE puts the other side on hold ({@code sendonly} or
 * {@code inactive}), the offer the held party receives is rewritten so its media comes from one of
 * our RTP ports ({@code sendonly} from us), and once the held party answers we stream the tenant's
 * hold music to the address in its answer. The un-hold re-INVITE passes unchanged (the held party
 * turns back to the other phone) and the stream stops; so does a BYE.
 */
public final class HoldMusic implements InDialogHook, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HoldMusic.class);

  /** The notes of the generated default hold music (C5, E5, G5). */
  public static final double[] DEFAULT_NOTES = TenantMusic.DEFAULT_NOTES;

  private static final long MAX_HOLD_MINUTES = 60; // a forgotten hold still ends

  private final MediaTransport rtp;
  private final MediaClock media;
  private final String address;
  private final TenantMusic music;
  private final ScheduledExecutorService work;
  private final ConcurrentHashMap<String, Held> held = new ConcurrentHashMap<>();

  /** One held party being played to. */
  private record Held(AudioStream stream, AudioPatch[] playing, ScheduledFuture<?> limit) {
    void stop() {
      limit.cancel(false);
      if (playing[0] != null) {
        playing[0].disconnect();
      }
      stream.close();
    }
  }

  private HoldMusic(MediaTransport rtp, MediaClock media, String address, HoldMusicFiles uploads) {
    this.rtp = rtp;
    this.media = media;
    this.address = address;
    this.music = new TenantMusic(uploads);
    this.work =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hold-music");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens RTP ports of {@code ports} on {@code rtpAddress} and a media clock; a tenant's own music
   * comes from {@code uploads} when it has one.
   */
  public static HoldMusic start(InetAddress rtpAddress, PortRange ports, HoldMusicFiles uploads)
      throws IOException {
    return new HoldMusic(
        MediaTransport.open(rtpAddress, ports),
        MediaClock.start("hold-media", 1),
        rtpAddress.getHostAddress(),
        uploads);
  }

  /** The dialog a request belongs to: one Call-ID per call through the proxy. */
  private static String dialog(SipRequest r) {
    return r.callId();
  }

  @Override
  public CallPlan forwarding(SipRequest request) {
    if (request.isMethod(SipRequest.BYE)) {
      stop(dialog(request), "the call ended");
      return CallPlan.NONE;
    }
    if (!request.isMethod(SipRequest.INVITE)) {
      return CallPlan.NONE;
    }
    SessionDescription offer = sdp(request.body(), request.contentType());
    if (offer == null || offer.media().isEmpty()) {
      return CallPlan.NONE;
    }
    String key = dialog(request);
    if (!OfferAnswer.isHold(offer, 0)) {
      stop(key, "taken off hold");
      return CallPlan.NONE;
    }
    MediaDescription audio = offer.media().get(0);
    G711 codec = codec(audio);
    if (codec == null || held.containsKey(key)) {
      return CallPlan.NONE; // no G.711 to play in, or a hold refreshed: as it is
    }
    AudioStream stream;
    try {
      stream =
          AudioStream.open(
              rtp,
              RtpSession.Settings.g711(null, "moh@" + address).withSymmetric(false),
              new AudioStream.Config(codec, -1, JitterBuffer.adaptive(2, 10)));
    } catch (IOException e) {
      log.warn("no RTP port for music on hold: the hold passes as it is", e);
      return CallPlan.NONE;
    }
    // The holder's tenant (a re-INVITE's From is whoever sends it): its music plays.
    String domain =
        request.from().uri() instanceof SipUri u ? u.host().toLowerCase(Locale.ROOT) : "";
    request.setBody(
        rewrite(offer, stream.session().localPort()).toSdp().getBytes(StandardCharsets.UTF_8),
        "application/sdp");
    ScheduledFuture<?> limit =
        work.schedule(() -> stop(key, "held too long"), MAX_HOLD_MINUTES, TimeUnit.MINUTES);
    Held h = new Held(stream, new AudioPatch[1], limit);
    Held before = held.put(key, h);
    if (before != null) {
      before.stop();
    }
    return new CallPlan() {
      @Override
      public void answered(SipResponse response) {
        work.execute(() -> play(key, h, response, domain));
      }

      @Override
      public List<dev.switchboard.server.proxy.Target> onFailure(List<SipResponse> finals) {
        work.execute(() -> stop(key, "the hold was refused"));
        return List.of();
      }
    };
  }

  /** The held party's answer says where its audio goes: the music goes there. */
  private void play(String key, Held h, SipResponse answer, String domain) {
    if (held.get(key) != h || h.playing()[0] != null) {
      return;
    }
    SessionDescription sd = sdp(answer.body(), answer.contentType());
    InetSocketAddress to = sd == null ? null : target(sd);
    if (to == null) {
      stop(key, "the held party's answer names no address");
      return;
    }
    h.stream().session().setRemote(to);
    h.playing()[0] = AudioPatch.connect(media, music.of(domain), h.stream());
    log.info("music on hold for call {} to {}", key, to);
  }

  private void stop(String key, String why) {
    Held h = held.remove(key);
    if (h != null) {
      h.stop();
      log.info("music on hold for call {} stopped: {}", key, why);
    }
  }

  /** The offer as the held party gets it: from our port, only sending. */
  private SessionDescription rewrite(SessionDescription offer, int port) {
    List<MediaDescription> media = new ArrayList<>(offer.media());
    media.set(
        0,
        media.get(0).withPort(port).withConnections(List.of()).withDirection(Direction.SENDONLY));
    List<dev.switchboard.sip.sdp.Attribute> session = new ArrayList<>(offer.attributes());
    session.removeIf(a -> isDirection(a.name()));
    return offer
        .withConnection(java.util.Optional.of(Connection.of(address)))
        .withAttributes(session)
        .withMedia(media);
  }

  private static boolean isDirection(String attribute) {
    for (Direction d : Direction.values()) {
      if (d.attributeName().equals(attribute)) {
        return true;
      }
    }
    return false;
  }

  private static InetSocketAddress target(SessionDescription sd) {
    MediaDescription m = sd.media().get(0);
    Connection c = sd.connection(0).orElse(null);
    if (c == null || c.isHoldAddress() || m.port() == 0) {
      return null;
    }
    return new InetSocketAddress(c.host(), m.port());
  }

  private static G711 codec(MediaDescription audio) {
    if (!audio.isRtp() || audio.port() == 0) {
      return null;
    }
    for (int pt : audio.payloadTypes()) {
      for (G711 g : G711.values()) {
        if (g.payloadType() == pt) {
          return g;
        }
      }
    }
    return null;
  }

  private static SessionDescription sdp(byte[] body, String contentType) {
    if (body == null
        || body.length == 0
        || contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
      return null;
    }
    try {
      return SessionDescription.parse(new String(body, StandardCharsets.UTF_8));
    } catch (SdpParseException | RuntimeException e) {
      return null;
    }
  }

  /** Stops every stream, and frees the RTP ports and the media clock. */
  @Override
  public void close() {
    for (String key : List.copyOf(held.keySet())) {
      stop(key, "the node stops");
    }
    work.shutdownNow();
    rtp.close();
    media.close();
  }
}
