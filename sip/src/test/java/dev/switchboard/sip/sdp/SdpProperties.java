package dev.switchboard.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** Round-trip and robustness properties of the SDP parser and writer. */
class SdpProperties {
  private static final String TOKEN_CHARS =
      "!#$%&'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~";
  private static final Set<String> KNOWN_ATTRIBUTES =
      Set.of(
          "rtpmap",
          "fmtp",
          "rtcp",
          "ptime",
          "maxptime",
          "mid",
          "sendrecv",
          "sendonly",
          "recvonly",
          "inactive");

  // ---- round trip ---------------------------------------------------------------------------

  @Property(tries = 500)
  void parseOfWriteGivesTheSameDescription(@ForAll("descriptions") SessionDescription sd)
      throws SdpParseException {
    String text = SdpWriter.write(sd);

    SessionDescription parsed = SdpParser.parse(text);

    assertThat(parsed).isEqualTo(sd);
    assertThat(SdpWriter.write(parsed)).isEqualTo(text);
    assertThat(SdpParser.parse(text.replace("\r\n", "\n"))).isEqualTo(sd);
  }

  // ---- robustness ---------------------------------------------------------------------------

  @Property(tries = 2000)
  void garbageIsParsedOrRejectedWithSdpParseException(@ForAll("garbage") String text)
      throws SdpParseException {
    parsesOrRejects(text);
  }

  @Property(tries = 3000)
  void mutatedValidSdpIsParsedOrRejectedWithSdpParseException(
      @ForAll("validTexts") String valid, @ForAll("mutations") List<Mutation> mutations)
      throws SdpParseException {
    String text = valid;
    for (Mutation m : mutations) {
      text = m.apply(text);
    }
    parsesOrRejects(text);
  }

  /**
   * Anything but SdpParseException fails the property; whatever parses must also survive its own
   * round trip, so the parser never accepts what the value types would refuse.
   */
  private static void parsesOrRejects(String text) throws SdpParseException {
    SessionDescription parsed;
    try {
      parsed = SdpParser.parse(text);
    } catch (SdpParseException e) {
      Statistics.label("outcome").collect("rejected");
      assertThat(e.getMessage()).isNotBlank();
      assertThat(e.lineNumber()).isBetween(0, SdpParser.MAX_LINES + 1);
      return;
    }
    Statistics.label("outcome").collect("parsed");
    assertThat(SdpParser.parse(parsed.toSdp())).isEqualTo(parsed);
  }

  @Provide
  Arbitrary<String> garbage() {
    Arbitrary<Character> sdpish =
        Arbitraries.of(
            "vosiuepcbtrzkam=:/ 0123456789\r\n\t.-IPN".chars().mapToObj(c -> (char) c).toList());
    Arbitrary<Character> any = Arbitraries.chars();
    Arbitrary<String> chars =
        Arbitraries.frequencyOf(Tuple.of(9, sdpish), Tuple.of(1, any))
            .list()
            .ofMaxSize(300)
            .map(SdpProperties::join);
    Arbitrary<String> lines =
        Arbitraries.of(
                "v=0",
                "o=- 1 1 IN IP4 h",
                "s=-",
                "c=IN IP4 h",
                "t=0 0",
                "m=audio 1 RTP/AVP 0",
                "a=rtpmap:0 PCMU/8000",
                "a=sendonly",
                "r=1 1 1",
                "z=1 -1h",
                "b=AS:1",
                "k=x",
                "i=x",
                "",
                "x=1",
                "m=audio 99999 RTP/AVP x")
            .list()
            .ofMaxSize(20)
            .map(l -> String.join("\r\n", l));
    return Arbitraries.oneOf(chars, lines);
  }

  private static String join(List<Character> chars) {
    StringBuilder out = new StringBuilder(chars.size());
    chars.forEach(out::append);
    return out.toString();
  }

  @Provide
  Arbitrary<String> validTexts() {
    return Arbitraries.oneOf(Arbitraries.of(Examples.ALL), descriptions().map(SdpWriter::write));
  }

  /** One edit to SDP text; positions are fractions so they fit texts of any length. */
  record Mutation(int kind, double where, double other, String insert) {
    String apply(String text) {
      List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
      int at = (int) (where * text.length());
      int line = (int) (where * lines.size());
      int otherLine = (int) (other * lines.size());
      switch (kind) {
        case 0:
          return text.substring(0, at) + insert + text.substring(at);
        case 1:
          return text.substring(0, at)
              + text.substring(Math.min(text.length(), at + 1 + insert.length()));
        case 2:
          return text.substring(0, at);
        case 3:
          if (line < lines.size() && otherLine < lines.size()) {
            String l = lines.get(line);
            lines.set(line, lines.get(otherLine));
            lines.set(otherLine, l);
          }
          return String.join("\r\n", lines);
        case 4:
          if (line < lines.size()) {
            lines.add(otherLine, lines.get(line));
          }
          return String.join("\r\n", lines);
        case 5:
          if (line < lines.size()) {
            lines.remove(line);
          }
          return String.join("\r\n", lines);
        default:
          // replace the first number at or after the position with the inserted text
          for (int i = at; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
              int end = i;
              while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
              }
              return text.substring(0, i) + insert + text.substring(end);
            }
          }
          return text;
      }
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<String> inserts =
        Arbitraries.oneOf(
            Arbitraries.of(
                "",
                " ",
                "  ",
                "\r",
                "\n",
                "\r\n",
                "\0",
                "=",
                ":",
                "/",
                "-1",
                "0",
                "99999999999999999999999",
                "18446744073709551616",
                "65536",
                "128",
                "x",
                "a=",
                "m=audio 0 RTP/AVP 0\r\n",
                "\u00e9",
                "\uD800",
                "c=IN IP4 0.0.0.0\r\n"),
            Arbitraries.strings().ofMaxLength(5));
    return Combinators.combine(
            Arbitraries.integers().between(0, 6),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.doubles().between(0, 1),
            inserts)
        .as(Mutation::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  // ---- generators of valid descriptions -----------------------------------------------------

  static Arbitrary<String> tokens() {
    return Arbitraries.strings().withChars(TOKEN_CHARS).ofMinLength(1).ofMaxLength(8);
  }

  static Arbitrary<String> nonWhitespace() {
    return Arbitraries.strings()
        .withCharRange('!', '~')
        .withChars("\u00e9\u4e2d")
        .ofMinLength(1)
        .ofMaxLength(12);
  }

  static Arbitrary<String> text(int min) {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withChars("\t\u00e9\u4e2d")
        .ofMinLength(min)
        .ofMaxLength(20);
  }

  static Arbitrary<String> typedTimes() {
    return Combinators.combine(
            Arbitraries.longs().between(0, 9_999_999_999L), Arbitraries.of("", "d", "h", "m", "s"))
        .as((n, unit) -> n + unit);
  }

  static Arbitrary<Origin> origins() {
    Arbitrary<BigInteger> u64 =
        Arbitraries.bigIntegers().between(BigInteger.ZERO, Grammar.MAX_UNSIGNED_64);
    return Combinators.combine(nonWhitespace(), u64, u64, tokens(), tokens(), nonWhitespace())
        .as(Origin::new);
  }

  static Arbitrary<Connection> connections() {
    return Combinators.combine(tokens(), tokens(), nonWhitespace()).as(Connection::new);
  }

  static Arbitrary<Bandwidth> bandwidths() {
    return Combinators.combine(tokens(), Arbitraries.longs().between(0, Bandwidth.MAX_VALUE))
        .as(Bandwidth::new);
  }

  static Arbitrary<TimeDescription> timeDescriptions() {
    Arbitrary<Long> times = Arbitraries.longs().between(0, Timing.MAX_TIME);
    Arbitrary<RepeatTime> repeats =
        Combinators.combine(
                Arbitraries.longs().between(1, 9_999_999_999L),
                Arbitraries.of("", "d", "h", "m", "s"),
                typedTimes(),
                typedTimes().list().ofMinSize(1).ofMaxSize(3))
            .as((n, unit, duration, offsets) -> new RepeatTime(n + unit, duration, offsets));
    Arbitrary<ZoneAdjustment> zones =
        Combinators.combine(times, Arbitraries.of("", "-"), typedTimes())
            .as((t, sign, offset) -> new ZoneAdjustment(t, sign + offset));
    return Combinators.combine(
            Combinators.combine(times, times).as(Timing::new),
            repeats.list().ofMaxSize(2),
            zones.list().ofMaxSize(3))
        .as(TimeDescription::new);
  }

  static Arbitrary<Attribute> attributes() {
    Arbitrary<Attribute> unknown =
        Combinators.combine(tokens().filter(t -> !KNOWN_ATTRIBUTES.contains(t)), text(0).optional())
            .as(Attribute::new);
    Arbitrary<Attribute> rtpmap =
        Combinators.combine(
                Arbitraries.integers().between(0, 127),
                Arbitraries.strings()
                    .withChars(TOKEN_CHARS.replace("/", ""))
                    .ofMinLength(1)
                    .ofMaxLength(10),
                Arbitraries.integers().between(1, Integer.MAX_VALUE),
                Arbitraries.integers().between(1, 255))
            .as(RtpMap::new)
            .map(RtpMap::toAttribute);
    Arbitrary<Attribute> fmtp =
        Combinators.combine(tokens(), text(0)).as(Fmtp::new).map(Fmtp::toAttribute);
    Arbitrary<Attribute> rtcp =
        Combinators.combine(Arbitraries.integers().between(0, 65535), connections().optional())
            .as(Rtcp::new)
            .map(r -> Attribute.of("rtcp", r.toValue()));
    Arbitrary<Attribute> ptime =
        Arbitraries.integers().between(1, 1000).map(p -> Attribute.of("ptime", p.toString()));
    Arbitrary<Attribute> mid = tokens().map(m -> Attribute.of("mid", m));
    return Arbitraries.frequencyOf(
        Tuple.of(5, unknown),
        Tuple.of(3, rtpmap),
        Tuple.of(1, fmtp),
        Tuple.of(1, rtcp),
        Tuple.of(1, ptime),
        Tuple.of(1, mid));
  }

  /** Attributes with at most one direction, placed at a random position. */
  static Arbitrary<List<Attribute>> attributeLists() {
    return Combinators.combine(
            attributes().list().ofMaxSize(6),
            Arbitraries.of(Direction.class).optional(),
            Arbitraries.integers().between(0, 6))
        .as(
            (list, direction, at) -> {
              List<Attribute> all = new ArrayList<>(list);
              direction.ifPresent(
                  d -> all.add(Math.min(at, all.size()), Attribute.property(d.attributeName())));
              return all;
            });
  }

  static Arbitrary<MediaDescription> media() {
    Arbitrary<String[]> protocolAndFormats =
        Arbitraries.oneOf(
            Combinators.combine(
                    Arbitraries.of("RTP/AVP", "RTP/SAVP", "RTP/AVPF", "UDP/TLS/RTP/SAVPF"),
                    Arbitraries.integers()
                        .between(0, 127)
                        .map(String::valueOf)
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(6))
                .as(SdpProperties::protocolWith),
            Combinators.combine(
                    tokens()
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .map(l -> String.join("/", l))
                        .filter(p -> !MediaDescription.isRtpProtocol(p)),
                    tokens().list().ofMinSize(1).ofMaxSize(4))
                .as(SdpProperties::protocolWith));
    return Builders.withBuilder(MediaDraft::new)
        .use(tokens())
        .in((d, v) -> d.set(x -> x.media = v))
        .use(Arbitraries.integers().between(0, 65535))
        .in((d, v) -> d.set(x -> x.port = v))
        .use(Arbitraries.integers().between(1, 65535).optional())
        .in((d, v) -> d.set(x -> x.portCount = v))
        .use(protocolAndFormats)
        .in((d, v) -> d.set(x -> x.protocolAndFormats = v))
        .use(text(1).optional())
        .in((d, v) -> d.set(x -> x.information = v))
        .use(connections().list().ofMaxSize(2))
        .in((d, v) -> d.set(x -> x.connections = v))
        .use(bandwidths().list().ofMaxSize(2))
        .in((d, v) -> d.set(x -> x.bandwidths = v))
        .use(text(1).optional())
        .in((d, v) -> d.set(x -> x.key = v))
        .use(attributeLists())
        .in((d, v) -> d.set(x -> x.attributes = v))
        .build(MediaDraft::build);
  }

  private static String[] protocolWith(String protocol, List<String> formats) {
    List<String> all = new ArrayList<>();
    all.add(protocol);
    all.addAll(formats);
    return all.toArray(String[]::new);
  }

  @Provide
  Arbitrary<SessionDescription> descriptions() {
    return Builders.withBuilder(SessionDraft::new)
        .use(origins())
        .in((d, v) -> d.set(x -> x.origin = v))
        .use(text(0))
        .in((d, v) -> d.set(x -> x.name = v))
        .use(text(1).optional())
        .in((d, v) -> d.set(x -> x.information = v))
        .use(nonWhitespace().optional())
        .in((d, v) -> d.set(x -> x.uri = v))
        .use(text(1).list().ofMaxSize(2))
        .in((d, v) -> d.set(x -> x.emails = v))
        .use(text(1).list().ofMaxSize(2))
        .in((d, v) -> d.set(x -> x.phones = v))
        .use(connections().optional())
        .in((d, v) -> d.set(x -> x.connection = v))
        .use(bandwidths().list().ofMaxSize(2))
        .in((d, v) -> d.set(x -> x.bandwidths = v))
        .use(timeDescriptions().list().ofMinSize(1).ofMaxSize(3))
        .in((d, v) -> d.set(x -> x.times = v))
        .use(text(1).optional())
        .in((d, v) -> d.set(x -> x.key = v))
        .use(attributeLists())
        .in((d, v) -> d.set(x -> x.attributes = v))
        .use(media().list().ofMaxSize(4))
        .in((d, v) -> d.set(x -> x.media = v))
        .use(connections())
        .in((d, v) -> d.set(x -> x.fallback = v))
        .build(SessionDraft::build);
  }

  /** Mutable holder the builder fills in; {@code set} keeps the lambdas short. */
  private abstract static class Draft<D extends Draft<D>> {
    @SuppressWarnings("unchecked")
    D set(Consumer<D> change) {
      change.accept((D) this);
      return (D) this;
    }
  }

  private static final class MediaDraft extends Draft<MediaDraft> {
    String media;
    int port;
    Optional<Integer> portCount;
    String[] protocolAndFormats;
    Optional<String> information;
    List<Connection> connections;
    List<Bandwidth> bandwidths;
    Optional<String> key;
    List<Attribute> attributes;

    MediaDescription build() {
      return new MediaDescription(
          media,
          port,
          portCount.map(OptionalInt::of).orElse(OptionalInt.empty()),
          protocolAndFormats[0],
          List.of(protocolAndFormats).subList(1, protocolAndFormats.length),
          information,
          connections,
          bandwidths,
          key,
          attributes);
    }
  }

  private static final class SessionDraft extends Draft<SessionDraft> {
    Origin origin;
    String name;
    Optional<String> information;
    Optional<String> uri;
    List<String> emails;
    List<String> phones;
    Optional<Connection> connection;
    List<Bandwidth> bandwidths;
    List<TimeDescription> times;
    Optional<String> key;
    List<Attribute> attributes;
    List<MediaDescription> media;
    Connection fallback;

    SessionDescription build() {
      List<MediaDescription> fixed = media;
      if (connection.isEmpty()) {
        // without a session c= every live stream needs its own
        fixed =
            media.stream()
                .map(m -> m.connections().isEmpty() ? m.withConnections(List.of(fallback)) : m)
                .toList();
      }
      return new SessionDescription(
          origin,
          name,
          information,
          uri,
          emails,
          phones,
          connection,
          bandwidths,
          times,
          key,
          attributes,
          fixed);
    }
  }
}
