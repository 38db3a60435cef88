package dev.switchboard.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole SDP session description (RFC 8866 §5); {@code v=} is always 0 and so is not stored.
 *
 * <p>The constructor enforces the rules that span lines: at least one time description, at most one
 * direction attribute per level, and a connection either at session level or in every media
 * description that is not rejected (port 0 streams are let off, since many peers omit it there).
 */
public record SessionDescription(
    Origin origin,
    String sessionName,
    Optional<String> information,
    Optional<String> uri,
    List<String> emails,
    List<String> phones,
    Optional<Connection> connection,
    List<Bandwidth> bandwidths,
    List<TimeDescription> times,
    Optional<String> key,
    List<Attribute> attributes,
    List<MediaDescription> media) {

  public SessionDescription {
    if (origin == null) {
      throw new IllegalArgumentException("o= is missing");
    }
    // RFC 8866 wants a non-empty s= ("s= " when there is no name) but empty ones are common
    Grammar.requireText(sessionName, "s=");
    if (information == null || uri == null || connection == null || key == null) {
      throw new IllegalArgumentException("i=, u=, c= and k= must be Optionals");
    }
    information.ifPresent(i -> Grammar.requireNonEmptyText(i, "i="));
    uri.ifPresent(u -> Grammar.requireNonEmptyText(u, "u="));
    key.ifPresent(k -> Grammar.requireNonEmptyText(k, "k="));
    emails = Grammar.copy(emails, "e= lines");
    emails.forEach(e -> Grammar.requireNonEmptyText(e, "e="));
    phones = Grammar.copy(phones, "p= lines");
    phones.forEach(p -> Grammar.requireNonEmptyText(p, "p="));
    bandwidths = Grammar.copy(bandwidths, "b= lines");
    times = Grammar.copy(times, "time descriptions");
    if (times.isEmpty()) {
      throw new IllegalArgumentException("at least one t= line is required");
    }
    attributes = Grammar.copy(attributes, "session a= lines");
    requireAtMostOneDirection(attributes, "session");
    media = Grammar.copy(media, "media descriptions");
    if (connection.isEmpty()) {
      for (int i = 0; i < media.size(); i++) {
        MediaDescription m = media.get(i);
        if (m.connections().isEmpty() && !m.isRejected()) {
          throw new IllegalArgumentException(
              "no c= line at session level nor in media description "
                  + (i + 1)
                  + " ("
                  + m.media()
                  + ")");
        }
      }
    }
  }

  /** A SIP-style description: {@code s=-}, {@code t=0 0}, one session-level connection. */
  public static SessionDescription of(
      Origin origin, Connection connection, List<MediaDescription> media) {
    return new SessionDescription(
        origin,
        "-",
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.of(connection),
        List.of(),
        List.of(TimeDescription.UNBOUNDED),
        Optional.empty(),
        List.of(),
        media);
  }

  /**
   * Parses SDP text.
   *
   * @see SdpParser#parse(String)
   */
  public static SessionDescription parse(String text) throws SdpParseException {
    return SdpParser.parse(text);
  }

  /** This description as SDP text with CRLF line ends. */
  public String toSdp() {
    return SdpWriter.write(this);
  }

  /** The session-level direction attribute, if any. */
  public Optional<Direction> direction() {
    return directionIn(attributes);
  }

  /**
   * The direction in force for one media description: its own attribute, else the session's, else
   * sendrecv (RFC 8866 §6.7).
   */
  public Direction direction(int mediaIndex) {
    return media.get(mediaIndex).direction().or(this::direction).orElse(Direction.SENDRECV);
  }

  /** Where media for one media description goes: its first own c= line, else the session's. */
  public Optional<Connection> connection(int mediaIndex) {
    List<Connection> own = media.get(mediaIndex).connections();
    return own.isEmpty() ? connection : Optional.of(own.get(0));
  }

  /** Session-level attributes with this name, in order. */
  public List<Attribute> attributes(String name) {
    return attributes.stream().filter(a -> a.name().equals(name)).toList();
  }

  public SessionDescription withOrigin(Origin newOrigin) {
    return new SessionDescription(
        newOrigin,
        sessionName,
        information,
        uri,
        emails,
        phones,
        connection,
        bandwidths,
        times,
        key,
        attributes,
        media);
  }

  public SessionDescription withConnection(Optional<Connection> newConnection) {
    return new SessionDescription(
        origin,
        sessionName,
        information,
        uri,
        emails,
        phones,
        newConnection,
        bandwidths,
        times,
        key,
        attributes,
        media);
  }

  public SessionDescription withAttributes(List<Attribute> newAttributes) {
    return new SessionDescription(
        origin,
        sessionName,
        information,
        uri,
        emails,
        phones,
        connection,
        bandwidths,
        times,
        key,
        newAttributes,
        media);
  }

  public SessionDescription withMedia(List<MediaDescription> newMedia) {
    return new SessionDescription(
        origin,
        sessionName,
        information,
        uri,
        emails,
        phones,
        connection,
        bandwidths,
        times,
        key,
        attributes,
        newMedia);
  }

  static Optional<Direction> directionIn(List<Attribute> attributes) {
    for (Attribute a : attributes) {
      Optional<Direction> d = Direction.fromAttributeName(a.name());
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  static void requireAtMostOneDirection(List<Attribute> attributes, String level) {
    int count = 0;
    for (Attribute a : attributes) {
      if (Direction.fromAttributeName(a.name()).isPresent()) {
        count++;
      }
    }
    if (count > 1) {
      throw new IllegalArgumentException(
          "more than one direction attribute (sendrecv/sendonly/recvonly/inactive) at "
              + level
              + " level");
    }
  }

  static List<Attribute> replaceDirection(List<Attribute> attributes, Direction direction) {
    List<Attribute> result = new ArrayList<>(attributes.size() + 1);
    boolean replaced = false;
    for (Attribute a : attributes) {
      if (Direction.fromAttributeName(a.name()).isPresent()) {
        if (!replaced) {
          result.add(Attribute.property(direction.attributeName()));
          replaced = true;
        }
      } else {
        result.add(a);
      }
    }
    if (!replaced) {
      result.add(Attribute.property(direction.attributeName()));
    }
    return result;
  }
}
