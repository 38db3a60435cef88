package dev.switchboard.sip.sdp;

import java.util.List;
import java.util.OptionalInt;

/**
 * One kind of stream this endpoint can handle: media type, RTP profile, local port, the formats it
 * accepts in order of preference, the direction it wants and an optional packet time.
 *
 * <p>The payload type numbers of {@code formats} are used when offering; when answering, the
 * offer's numbers are kept (RFC 3264 §6.1).
 */
public record MediaCapability(
    String media,
    String protocol,
    int port,
    List<PayloadFormat> formats,
    Direction direction,
    OptionalInt ptime) {

  public MediaCapability {
    Grammar.requireToken(media, "media type");
    if (protocol == null || !MediaDescription.isRtpProtocol(protocol)) {
      throw new IllegalArgumentException("only RTP profiles can be negotiated: " + protocol);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535: " + port);
    }
    formats = Grammar.copy(formats, "formats");
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("at least one format is needed");
    }
    if (direction == null || ptime == null) {
      throw new IllegalArgumentException("direction and ptime are required");
    }
  }

  /** G.711 µ-law (0) and A-law (8) with RFC 4733 events on 101, 20 ms packets, send and receive. */
  public static MediaCapability g711Audio(int port) {
    return new MediaCapability(
        "audio",
        "RTP/AVP",
        port,
        List.of(
            PayloadFormat.of(0, Codec.PCMU),
            PayloadFormat.of(8, Codec.PCMA),
            new PayloadFormat(101, Codec.TELEPHONE_EVENT, "0-16")),
        Direction.SENDRECV,
        OptionalInt.of(20));
  }

  public MediaCapability withDirection(Direction newDirection) {
    return new MediaCapability(media, protocol, port, formats, newDirection, ptime);
  }
}
