package dev.switchboard.sip.sdp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The offer/answer model of RFC 3264: building offers and answers, re-offers that keep the origin
 * line in step (§8), hold and resume, and reading back what an exchange agreed.
 */
public final class OfferAnswer {

  /**
   * Which end of an exchange the caller of {@link #negotiated(SessionDescription,
   * SessionDescription, Role)} is.
   */
  public enum Role {
    OFFERER,
    ANSWERER
  }

  private OfferAnswer() {}

  /**
   * An initial offer of G.711 µ-law (0), A-law (8) and telephone-event (101) from an address and
   * port, with a fresh random session id.
   */
  public static SessionDescription initialOffer(String address, int port) {
    return offer(LocalMediaCapabilities.g711(address, port), newOrigin("-", address));
  }

  /** An offer of every stream in {@code caps}, each with its own payload type numbers. */
  public static SessionDescription offer(LocalMediaCapabilities caps, Origin origin) {
    List<MediaDescription> media = new ArrayList<>();
    for (MediaCapability cap : caps.streams()) {
      List<String> formats = new ArrayList<>();
      List<Attribute> attributes = new ArrayList<>();
      for (PayloadFormat f : cap.formats()) {
        formats.add(Integer.toString(f.payloadType()));
      }
      describeFormats(cap.formats(), attributes);
      cap.ptime().ifPresent(p -> attributes.add(Attribute.of("ptime", Integer.toString(p))));
      attributes.add(Attribute.property(cap.direction().attributeName()));
      media.add(MediaDescription.of(cap.media(), cap.port(), cap.protocol(), formats, attributes));
    }
    return SessionDescription.of(origin, caps.connection(), media);
  }

  /** A fresh origin for a new session, with a random id and the id as first version. */
  public static Origin newOrigin(String username, String address) {
    // a random id below 2^62 is unique enough and leaves room for version increments
    long id = ThreadLocalRandom.current().nextLong(1, 1L << 62);
    return Origin.of(username, id, id, address);
  }

  /** The answer to an initial offer, with a fresh origin. */
  public static SessionDescription answer(SessionDescription offer, LocalMediaCapabilities caps) {
    return answer(offer, caps, newOrigin(caps.username(), caps.connection().host()));
  }

  /**
   * The answer to an offer (RFC 3264 §6): one m= line per offered one in the same order, streams we
   * cannot take rejected with port 0, formats intersected in our order of preference but with the
   * offer's payload type numbers, directions mirrored and limited by ours.
   */
  public static SessionDescription answer(
      SessionDescription offer, LocalMediaCapabilities caps, Origin origin) {
    List<MediaCapability> unused = new ArrayList<>(caps.streams());
    List<MediaDescription> media = new ArrayList<>();
    for (int i = 0; i < offer.media().size(); i++) {
      MediaDescription offered = offer.media().get(i);
      Direction offeredDirection = effectiveDirection(offer, i);
      Optional<MediaCapability> cap =
          offered.isRejected()
              ? Optional.empty()
              : unused.stream()
                  .filter(c -> c.media().equals(offered.media()))
                  .filter(c -> c.protocol().equalsIgnoreCase(offered.protocol()))
                  .findFirst();
      Optional<MediaDescription> accepted = cap.flatMap(c -> accept(offered, offeredDirection, c));
      if (accepted.isPresent()) {
        unused.remove(cap.get());
        media.add(accepted.get());
      } else {
        media.add(rejected(offered));
      }
    }
    // RFC 3264 §6: the answer's t= must equal the offer's
    return new SessionDescription(
        origin,
        "-",
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.of(caps.connection()),
        List.of(),
        offer.times(),
        Optional.empty(),
        List.of(),
        media);
  }

  /**
   * The answer to a re-offer within an existing session: as {@link #answer(SessionDescription,
   * LocalMediaCapabilities, Origin)}, keeping the origin of what we last sent and bumping its
   * version only if the description changed (RFC 3264 §8).
   *
   * @param previousLocal the description we last sent in this session, offer or answer
   */
  public static SessionDescription answer(
      SessionDescription offer, LocalMediaCapabilities caps, SessionDescription previousLocal) {
    return revise(previousLocal, answer(offer, caps, previousLocal.origin()));
  }

  /**
   * {@code next} with the origin of {@code previousLocal}: the same version when nothing else
   * changed, the version plus one when something did (RFC 3264 §8).
   *
   * @throws IllegalStateException if the version is already 2^64-1
   */
  public static SessionDescription revise(
      SessionDescription previousLocal, SessionDescription next) {
    Origin origin = previousLocal.origin();
    SessionDescription same = next.withOrigin(origin);
    if (same.equals(previousLocal)) {
      return same;
    }
    BigInteger version = origin.sessionVersion().add(BigInteger.ONE);
    if (version.compareTo(Grammar.MAX_UNSIGNED_64) > 0) {
      throw new IllegalStateException("o= session version cannot be incremented past 2^64-1");
    }
    return next.withOrigin(origin.withSessionVersion(version));
  }

  /**
   * A re-offer putting the call on hold (RFC 3264 §8.4): every stream stops receiving, so sendrecv
   * becomes sendonly and recvonly becomes inactive.
   */
  public static SessionDescription hold(SessionDescription previousLocal) {
    return redirect(previousLocal, false);
  }

  /** A re-offer taking the call off hold: every stream that is not rejected becomes sendrecv. */
  public static SessionDescription resume(SessionDescription previousLocal) {
    return redirect(previousLocal, true);
  }

  private static SessionDescription redirect(SessionDescription previous, boolean resume) {
    List<MediaDescription> media = new ArrayList<>();
    for (int i = 0; i < previous.media().size(); i++) {
      MediaDescription m = previous.media().get(i);
      Direction d = resume ? Direction.SENDRECV : previous.direction(i).withoutReceiving();
      media.add(m.isRejected() ? m : m.withDirection(d));
    }
    // the direction now lives on each m= line, so a session-level one would only contradict it
    List<Attribute> session =
        previous.attributes().stream()
            .filter(a -> Direction.fromAttributeName(a.name()).isEmpty())
            .toList();
    return revise(previous, previous.withAttributes(session).withMedia(media));
  }

  /**
   * The direction a description's author asks for on one stream, counting the RFC 2543 way of
   * holding a call (c=0.0.0.0) as "do not send to me".
   */
  public static Direction effectiveDirection(SessionDescription sd, int mediaIndex) {
    Direction d = sd.direction(mediaIndex);
    boolean holdAddress = sd.connection(mediaIndex).map(Connection::isHoldAddress).orElse(false);
    return holdAddress ? d.withoutReceiving() : d;
  }

  /** Whether a description puts a stream on hold: its author does not want to receive on it. */
  public static boolean isHold(SessionDescription sd, int mediaIndex) {
    return !sd.media().get(mediaIndex).isRejected()
        && !effectiveDirection(sd, mediaIndex).receives();
  }

  /** What an exchange agreed, seen by the offerer. */
  public static List<NegotiatedStream> negotiated(
      SessionDescription offer, SessionDescription answer) {
    return negotiated(offer, answer, Role.OFFERER);
  }

  /**
   * What an exchange agreed for each offered m= line, seen from {@code role}'s side.
   *
   * <p>An answer with fewer m= lines than the offer (a broken peer) leaves the missing streams
   * rejected; extra ones are ignored. The codec is the first non-auxiliary one in the answer that
   * the offer also lists (RFC 3264 §6.1 and §7).
   */
  public static List<NegotiatedStream> negotiated(
      SessionDescription offer, SessionDescription answer, Role role) {
    List<NegotiatedStream> streams = new ArrayList<>();
    for (int i = 0; i < offer.media().size(); i++) {
      MediaDescription offered = offer.media().get(i);
      if (i >= answer.media().size()) {
        streams.add(NegotiatedStream.rejected(i, offered.media()));
        continue;
      }
      streams.add(negotiate(offer, answer, i, role));
    }
    return streams;
  }

  private static NegotiatedStream negotiate(
      SessionDescription offer, SessionDescription answer, int i, Role role) {
    MediaDescription offered = offer.media().get(i);
    MediaDescription answered = answer.media().get(i);
    if (offered.isRejected()
        || answered.isRejected()
        || !offered.media().equals(answered.media())
        || !offered.isRtp()
        || !answered.isRtp()) {
      return NegotiatedStream.rejected(i, offered.media());
    }
    List<PayloadFormat> offeredFormats = PayloadFormat.declaredIn(offered);
    Optional<PayloadFormat[]> codec = Optional.empty();
    Optional<PayloadFormat[]> events = Optional.empty();
    for (PayloadFormat inAnswer : PayloadFormat.declaredIn(answered)) {
      Optional<PayloadFormat> inOffer = matching(offeredFormats, inAnswer.codec());
      if (inOffer.isEmpty()) {
        continue;
      }
      PayloadFormat[] pair = {inOffer.get(), inAnswer};
      Codec c = inAnswer.codec();
      if (!c.isAuxiliary() && codec.isEmpty()) {
        codec = Optional.of(pair);
      } else if (c.matches(Codec.TELEPHONE_EVENT) && events.isEmpty()) {
        events = Optional.of(pair);
      }
    }
    if (codec.isEmpty()) {
      return NegotiatedStream.rejected(i, offered.media());
    }
    boolean offerer = role == Role.OFFERER;
    // each side sends with the numbers the receiver declared: the offerer with the answer's
    int sendSide = offerer ? 1 : 0;
    int receiveSide = 1 - sendSide;
    SessionDescription remote = offerer ? answer : offer;
    MediaDescription remoteMedia = offerer ? answered : offered;
    Direction local = effectiveDirection(offerer ? offer : answer, i);
    Direction peer = effectiveDirection(remote, i);
    Optional<MediaAddress> address =
        remote
            .connection(i)
            .map(Connection::host)
            .filter(Grammar::isNonWhitespace) // "c=IN IP4 /127" parses but names no host
            .map(host -> new MediaAddress(host, remoteMedia.port()));
    PayloadFormat[] agreed = codec.get();
    return new NegotiatedStream(
        i,
        offered.media(),
        Optional.of(agreed[sendSide]),
        Optional.of(agreed[receiveSide]),
        events.map(e -> OptionalInt.of(e[sendSide].payloadType())).orElse(OptionalInt.empty()),
        events.map(e -> OptionalInt.of(e[receiveSide].payloadType())).orElse(OptionalInt.empty()),
        address,
        local.intersect(peer.reversed()),
        remoteMedia.ptime().isPresent()
            ? OptionalDouble.of(remoteMedia.ptime().getAsDouble())
            : OptionalDouble.empty());
  }

  /** The first format of an offered stream that is the same codec, with the offer's number. */
  private static Optional<PayloadFormat> matching(List<PayloadFormat> offered, Codec codec) {
    return offered.stream().filter(f -> f.codec().matches(codec)).findFirst();
  }

  private static Optional<MediaDescription> accept(
      MediaDescription offered, Direction offeredDirection, MediaCapability cap) {
    List<PayloadFormat> offeredFormats = PayloadFormat.declaredIn(offered);
    List<PayloadFormat> chosen = new ArrayList<>();
    boolean hasRealCodec = false;
    for (PayloadFormat local : cap.formats()) {
      Optional<PayloadFormat> remote = matching(offeredFormats, local.codec());
      if (remote.isEmpty()
          || chosen.stream().anyMatch(c -> c.payloadType() == remote.get().payloadType())) {
        continue;
      }
      PayloadFormat r = remote.get();
      // our fmtp wins (e.g. the DTMF events we handle); otherwise echo the offer's
      String parameters = local.parameters().isEmpty() ? r.parameters() : local.parameters();
      chosen.add(new PayloadFormat(r.payloadType(), r.codec(), parameters));
      hasRealCodec |= !r.codec().isAuxiliary();
    }
    if (!hasRealCodec) {
      return Optional.empty();
    }
    List<String> formats = chosen.stream().map(f -> Integer.toString(f.payloadType())).toList();
    List<Attribute> attributes = new ArrayList<>();
    offered.mid().ifPresent(mid -> attributes.add(Attribute.of("mid", mid)));
    describeFormats(chosen, attributes);
    cap.ptime().ifPresent(p -> attributes.add(Attribute.of("ptime", Integer.toString(p))));
    attributes.add(
        Attribute.property(Direction.answerTo(offeredDirection, cap.direction()).attributeName()));
    return Optional.of(
        MediaDescription.of(offered.media(), cap.port(), offered.protocol(), formats, attributes));
  }

  private static void describeFormats(List<PayloadFormat> formats, List<Attribute> attributes) {
    for (PayloadFormat f : formats) {
      attributes.add(f.rtpMap().toAttribute());
      if (!f.parameters().isEmpty()) {
        attributes.add(new Fmtp(Integer.toString(f.payloadType()), f.parameters()).toAttribute());
      }
    }
  }

  /** A refused stream (RFC 3264 §6): port 0, same media and protocol, the offered formats. */
  private static MediaDescription rejected(MediaDescription offered) {
    return MediaDescription.of(
        offered.media(), 0, offered.protocol(), offered.formats(), List.of());
  }
}
