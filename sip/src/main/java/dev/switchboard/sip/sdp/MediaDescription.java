package dev.switchboard.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * An {@code m=} line with its own {@code i=}, {@code c=}, {@code b=}, {@code k=} and {@code a=}
 * lines.
 *
 * <p>For RTP profiles (a protocol with an {@code RTP} part, such as {@code RTP/AVP}) every format
 * must be a payload type number 0..127.
 */
public record MediaDescription(
    String media,
    int port,
    OptionalInt portCount,
    String protocol,
    List<String> formats,
    Optional<String> information,
    List<Connection> connections,
    List<Bandwidth> bandwidths,
    Optional<String> key,
    List<Attribute> attributes) {

  public MediaDescription {
    Grammar.requireToken(media, "m= media type");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("m= port must be 0..65535: " + port);
    }
    if (portCount == null) {
      throw new IllegalArgumentException("m= port count must be an OptionalInt");
    }
    if (portCount.isPresent() && (portCount.getAsInt() < 1 || portCount.getAsInt() > 65535)) {
      throw new IllegalArgumentException(
          "m= number of ports must be 1..65535: " + portCount.getAsInt());
    }
    requireProtocol(protocol);
    formats = Grammar.copy(formats, "m= formats");
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("m= needs at least one format");
    }
    boolean rtp = isRtpProtocol(protocol);
    for (String format : formats) {
      Grammar.requireToken(format, "m= format");
      if (rtp) {
        Grammar.requireDecimal(format, 0, 127, "m= payload type");
      }
    }
    if (information == null || key == null) {
      throw new IllegalArgumentException("m= information and key must be Optionals");
    }
    information.ifPresent(i -> Grammar.requireNonEmptyText(i, "i="));
    key.ifPresent(k -> Grammar.requireNonEmptyText(k, "k="));
    connections = Grammar.copy(connections, "media c= lines");
    bandwidths = Grammar.copy(bandwidths, "media b= lines");
    attributes = Grammar.copy(attributes, "media a= lines");
    SessionDescription.requireAtMostOneDirection(attributes, "media");
  }

  /** A media description with only an m= line and attributes. */
  public static MediaDescription of(
      String media, int port, String protocol, List<String> formats, List<Attribute> attributes) {
    return new MediaDescription(
        media,
        port,
        OptionalInt.empty(),
        protocol,
        formats,
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.empty(),
        attributes);
  }

  private static void requireProtocol(String protocol) {
    if (protocol == null) {
      throw new IllegalArgumentException("m= protocol is missing");
    }
    for (String part : protocol.split("/", -1)) {
      if (!Grammar.isToken(part)) {
        throw new IllegalArgumentException(
            "m= protocol must be tokens separated by '/': " + Grammar.quote(protocol));
      }
    }
  }

  static boolean isRtpProtocol(String protocol) {
    for (String part : protocol.split("/", -1)) {
      if (part.equals("RTP")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the protocol is an RTP profile, so formats are payload type numbers. */
  public boolean isRtp() {
    return isRtpProtocol(protocol);
  }

  /** Port 0: the stream is rejected or disabled (RFC 3264 §5.1, §6). */
  public boolean isRejected() {
    return port == 0;
  }

  /** The formats as payload type numbers; empty unless this is an RTP stream. */
  public List<Integer> payloadTypes() {
    if (!isRtp()) {
      return List.of();
    }
    List<Integer> types = new ArrayList<>(formats.size());
    for (String format : formats) {
      types.add(Integer.parseInt(format));
    }
    return List.copyOf(types);
  }

  /** Every attribute with this name, in order. */
  public List<Attribute> attributes(String name) {
    return attributes.stream().filter(a -> a.name().equals(name)).toList();
  }

  /** The first attribute with this name. */
  public Optional<Attribute> attribute(String name) {
    return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** All {@code a=rtpmap} values. */
  public List<RtpMap> rtpMaps() {
    return attributes("rtpmap").stream().map(a -> RtpMap.parse(a.value().orElseThrow())).toList();
  }

  /** The {@code a=rtpmap} of one payload type. */
  public Optional<RtpMap> rtpMap(int payloadType) {
    return rtpMaps().stream().filter(m -> m.payloadType() == payloadType).findFirst();
  }

  /** All {@code a=fmtp} values. */
  public List<Fmtp> fmtps() {
    return attributes("fmtp").stream().map(a -> Fmtp.parse(a.value().orElseThrow())).toList();
  }

  /** The {@code a=fmtp} of one format. */
  public Optional<Fmtp> fmtp(String format) {
    return fmtps().stream().filter(f -> f.format().equals(format)).findFirst();
  }

  /**
   * The direction attribute written on this media, if any (see {@link
   * SessionDescription#direction(int)}).
   */
  public Optional<Direction> direction() {
    return SessionDescription.directionIn(attributes);
  }

  /** {@code a=ptime} in milliseconds. */
  public OptionalDouble ptime() {
    return attribute("ptime")
        .map(a -> OptionalDouble.of(Attribute.milliseconds("ptime", a.value().orElseThrow())))
        .orElse(OptionalDouble.empty());
  }

  /** {@code a=rtcp} (RFC 3605). */
  public Optional<Rtcp> rtcp() {
    return attribute("rtcp").map(a -> Rtcp.parse(a.value().orElseThrow()));
  }

  /** {@code a=mid} (RFC 5888). */
  public Optional<String> mid() {
    return attribute("mid").flatMap(Attribute::value);
  }

  public MediaDescription withPort(int newPort) {
    return new MediaDescription(
        media,
        newPort,
        portCount,
        protocol,
        formats,
        information,
        connections,
        bandwidths,
        key,
        attributes);
  }

  public MediaDescription withFormats(List<String> newFormats) {
    return new MediaDescription(
        media,
        port,
        portCount,
        protocol,
        newFormats,
        information,
        connections,
        bandwidths,
        key,
        attributes);
  }

  public MediaDescription withConnections(List<Connection> newConnections) {
    return new MediaDescription(
        media,
        port,
        portCount,
        protocol,
        formats,
        information,
        newConnections,
        bandwidths,
        key,
        attributes);
  }

  public MediaDescription withAttributes(List<Attribute> newAttributes) {
    return new MediaDescription(
        media,
        port,
        portCount,
        protocol,
        formats,
        information,
        connections,
        bandwidths,
        key,
        newAttributes);
  }

  /** The same media with its direction attribute replaced (or appended when it had none). */
  public MediaDescription withDirection(Direction direction) {
    return withAttributes(SessionDescription.replaceDirection(attributes, direction));
  }
}
