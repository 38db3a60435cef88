package dev.switchboard.sip.sdp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads SDP text (RFC 8866) into a {@link SessionDescription}, strictly and within fixed limits.
 *
 * <p>Lines may end in CRLF or a bare LF; the last line may lack its end, and empty lines after the
 * last one are ignored. Lines must come in the order RFC 8866 §5 fixes, and a line type the RFC
 * does not define is an error (RFC 8866 lets a parser ignore or reject the whole description; we
 * reject). Every failure is an {@link SdpParseException} naming the line.
 */
public final class SdpParser {
  /** The longest text accepted, in characters (bytes for {@link #parse(byte[])}). */
  public static final int MAX_LENGTH = 64 * 1024;

  /** The most lines accepted. */
  public static final int MAX_LINES = 1024;

  /** The most media descriptions accepted. */
  public static final int MAX_MEDIA = 64;

  private static final String SESSION_ORDER = "v o s i u e p c b t r z k a m";
  private static final String MEDIA_ORDER = "m i c b k a";

  private SdpParser() {}

  /** Parses UTF-8 encoded SDP, rejecting malformed UTF-8. */
  public static SessionDescription parse(byte[] bytes) throws SdpParseException {
    if (bytes == null) {
      throw new SdpParseException(0, "no SDP text");
    }
    if (bytes.length > MAX_LENGTH) {
      throw new SdpParseException(0, "SDP longer than " + MAX_LENGTH + " bytes");
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return parse(text);
    } catch (CharacterCodingException e) {
      throw new SdpParseException(0, "SDP is not valid UTF-8");
    }
  }

  /** Parses SDP text. */
  public static SessionDescription parse(String text) throws SdpParseException {
    return new Run(lines(text)).session();
  }

  private static List<String> lines(String text) throws SdpParseException {
    if (text == null) {
      throw new SdpParseException(0, "no SDP text");
    }
    if (text.length() > MAX_LENGTH) {
      throw new SdpParseException(0, "SDP longer than " + MAX_LENGTH + " characters");
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      int next = end < 0 ? text.length() : end + 1;
      if (end < 0) {
        end = text.length();
      }
      // a CR is only a line end when it sits just before the LF (or ends the text)
      if (end > start && text.charAt(end - 1) == '\r') {
        end--;
      }
      if (lines.size() == MAX_LINES) {
        throw new SdpParseException(MAX_LINES + 1, "more than " + MAX_LINES + " lines");
      }
      lines.add(text.substring(start, end));
      start = next;
    }
    int last = lines.size();
    while (last > 0 && lines.get(last - 1).isEmpty()) {
      last--;
    }
    return lines.subList(0, last);
  }

  /** One parse: the lines and where we are in them. */
  private static final class Run {
    private final List<String> lines;
    private int index;

    Run(List<String> lines) {
      this.lines = lines;
    }

    private int lineNumber() {
      return index + 1;
    }

    private SdpParseException error(String problem) {
      return new SdpParseException(lineNumber(), problem);
    }

    /** The type letter of the current line, or 0 at the end; checks the {@code x=} shape. */
    private char type() throws SdpParseException {
      if (index >= lines.size()) {
        return 0;
      }
      String line = lines.get(index);
      if (line.isEmpty()) {
        throw error("empty line");
      }
      if (line.length() < 2 || line.charAt(1) != '=') {
        throw error("expected <type>=<value> but found " + Grammar.quote(line));
      }
      char type = line.charAt(0);
      if (type < 'a' || type > 'z' || SESSION_ORDER.indexOf(type) < 0) {
        throw error("unknown line type " + Grammar.quote(type + "="));
      }
      return type;
    }

    private String value() {
      return lines.get(index).substring(2);
    }

    SessionDescription session() throws SdpParseException {
      if (lines.isEmpty()) {
        throw new SdpParseException(0, "empty SDP: missing v= line");
      }
      if (type() != 'v') {
        throw error("missing v= line: a description must start with v=0");
      }
      if (!value().equals("0")) {
        throw error("unsupported SDP version " + Grammar.quote(value()) + ", only v=0 exists");
      }
      index++;
      if (type() != 'o') {
        throw endAware("o= must follow v=", "missing o= line");
      }
      Origin origin = field(Origin::parse);
      index++;
      if (type() != 's') {
        throw endAware("s= must follow o=", "missing s= line");
      }
      String sessionName = field(v -> Grammar.requireText(v, "s="));
      index++;

      Optional<String> information = Optional.empty();
      Optional<String> uri = Optional.empty();
      List<String> emails = new ArrayList<>();
      List<String> phones = new ArrayList<>();
      Optional<Connection> connection = Optional.empty();
      List<Bandwidth> bandwidths = new ArrayList<>();
      List<TimeDescription> times = new ArrayList<>();
      Optional<String> key = Optional.empty();
      List<Attribute> attributes = new ArrayList<>();

      Timing timing = null;
      List<RepeatTime> repeats = new ArrayList<>();
      List<ZoneAdjustment> zone = List.of();

      char previous = 's';
      for (char type = type(); type != 0 && type != 'm'; type = type()) {
        checkSessionOrder(previous, type);
        switch (type) {
          case 'i' -> information = Optional.of(field(v -> Grammar.requireNonEmptyText(v, "i=")));
          case 'u' -> uri = Optional.of(field(v -> Grammar.requireNonEmptyText(v, "u=")));
          case 'e' -> emails.add(field(v -> Grammar.requireNonEmptyText(v, "e=")));
          case 'p' -> phones.add(field(v -> Grammar.requireNonEmptyText(v, "p=")));
          case 'c' -> connection = Optional.of(field(Connection::parse));
          case 'b' -> bandwidths.add(field(Bandwidth::parse));
          case 't' -> {
            if (timing != null) {
              times.add(new TimeDescription(timing, repeats, zone));
            }
            timing = field(Timing::parse);
            repeats = new ArrayList<>();
            zone = List.of();
          }
          case 'r' -> repeats.add(field(RepeatTime::parse));
          case 'z' -> zone = field(TimeDescription::parseZone);
          case 'k' -> key = Optional.of(field(v -> Grammar.requireNonEmptyText(v, "k=")));
          case 'a' -> addAttribute(attributes, "session");
          default -> throw error(type + "= is not allowed at session level");
        }
        previous = type;
        index++;
      }
      if (timing == null) {
        index = Math.min(index, lines.size() - 1);
        throw error(
            "missing t= line: session-level lines must include at least one t= before "
                + (index < lines.size() ? "m=" : "the end"));
      }
      times.add(new TimeDescription(timing, repeats, zone));

      List<MediaDescription> media = new ArrayList<>();
      while (index < lines.size()) {
        if (media.size() == MAX_MEDIA) {
          throw error("more than " + MAX_MEDIA + " media descriptions");
        }
        int mediaLine = lineNumber();
        MediaDescription m = media();
        if (connection.isEmpty() && m.connections().isEmpty() && !m.isRejected()) {
          throw new SdpParseException(
              mediaLine, "no c= line for this media description and none at session level");
        }
        media.add(m);
      }
      try {
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
            media);
      } catch (IllegalArgumentException e) {
        throw new SdpParseException(0, e.getMessage());
      }
    }

    /** An error at the current line, or at the last line when the text ended too soon. */
    private SdpParseException endAware(String outOfOrder, String missing) {
      if (index < lines.size()) {
        return error(outOfOrder);
      }
      index = lines.size() - 1;
      return error(missing);
    }

    private void checkSessionOrder(char previous, char type) throws SdpParseException {
      switch (type) {
        case 'v', 'o', 's' -> throw error("a second " + type + "= line");
        case 't' -> {
          // a new time description may follow the t=, r= or z= of the one before
          if (rank(previous) > rank('z')) {
            throw outOfOrder(previous, type);
          }
          return;
        }
        case 'r', 'z' -> {
          if (previous != 't' && previous != 'r') {
            throw error(
                type + "= must follow a t= or r= line (RFC 8866 order: " + SESSION_ORDER + ")");
          }
          return;
        }
        default -> {
          // ordered by rank below
        }
      }
      if (rank(type) < rank(previous)) {
        throw outOfOrder(previous, type);
      }
      if (rank(type) == rank(previous) && "iuck".indexOf(type) >= 0) {
        throw error("more than one " + type + "= line at session level");
      }
      if (rank(type) > rank('z') && rank(previous) < rank('t')) {
        throw error("missing t= line before " + type + "=");
      }
    }

    private SdpParseException outOfOrder(char previous, char type) {
      return error(
          type + "= cannot follow " + previous + "= (RFC 8866 order: " + SESSION_ORDER + ")");
    }

    private static int rank(char type) {
      return SESSION_ORDER.indexOf(type);
    }

    private MediaDescription media() throws SdpParseException {
      int mediaLine = lineNumber();
      String[] f = field(v -> Grammar.fields(v, "m="));
      if (f.length < 4) {
        throw error("m= needs <media> <port> <proto> <format>..., found " + f.length + " fields");
      }
      String portField = f[1];
      int slash = portField.indexOf('/');
      String portText = slash < 0 ? portField : portField.substring(0, slash);
      long port = Grammar.decimal(portText, 65535);
      if (port < 0) {
        throw error("bad m= port " + Grammar.quote(portText) + ": must be a number 0..65535");
      }
      OptionalInt portCount = OptionalInt.empty();
      if (slash >= 0) {
        long count = Grammar.decimal(portField.substring(slash + 1), 65535);
        if (count < 1) {
          throw error(
              "bad m= number of ports "
                  + Grammar.quote(portField.substring(slash + 1))
                  + ": must be 1..65535");
        }
        portCount = OptionalInt.of((int) count);
      }
      String protocol = f[2];
      List<String> formats = List.of(f).subList(3, f.length);
      if (MediaDescription.isRtpProtocol(protocol)) {
        for (String format : formats) {
          if (Grammar.decimal(format, 127) < 0) {
            throw error(
                "bad payload type "
                    + Grammar.quote(format)
                    + " for "
                    + protocol
                    + ": must be a number 0..127");
          }
        }
      }
      index++;

      Optional<String> information = Optional.empty();
      List<Connection> connections = new ArrayList<>();
      List<Bandwidth> bandwidths = new ArrayList<>();
      Optional<String> key = Optional.empty();
      List<Attribute> attributes = new ArrayList<>();
      char previous = 'm';
      for (char type = type(); type != 0 && type != 'm'; type = type()) {
        int r = MEDIA_ORDER.indexOf(type);
        if (r < 0) {
          throw error(
              type + "= is not allowed in a media description (order: " + MEDIA_ORDER + ")");
        }
        if (r < MEDIA_ORDER.indexOf(previous)) {
          throw error(
              type
                  + "= cannot follow "
                  + previous
                  + "= in a media description (order: "
                  + MEDIA_ORDER
                  + ")");
        }
        if (type == previous && (type == 'i' || type == 'k')) {
          throw error("more than one " + type + "= line in a media description");
        }
        switch (type) {
          case 'i' -> information = Optional.of(field(v -> Grammar.requireNonEmptyText(v, "i=")));
          case 'c' -> connections.add(field(Connection::parse));
          case 'b' -> bandwidths.add(field(Bandwidth::parse));
          case 'k' -> key = Optional.of(field(v -> Grammar.requireNonEmptyText(v, "k=")));
          default -> addAttribute(attributes, "media");
        }
        previous = type;
        index++;
      }
      try {
        return new MediaDescription(
            f[0],
            (int) port,
            portCount,
            protocol,
            formats,
            information,
            connections,
            bandwidths,
            key,
            attributes);
      } catch (IllegalArgumentException e) {
        throw new SdpParseException(mediaLine, e.getMessage());
      }
    }

    private void addAttribute(List<Attribute> attributes, String level) throws SdpParseException {
      Attribute attribute =
          field(
              v -> {
                int colon = v.indexOf(':');
                return colon < 0
                    ? Attribute.property(v)
                    : Attribute.of(v.substring(0, colon), v.substring(colon + 1));
              });
      if (Direction.fromAttributeName(attribute.name()).isPresent()
          && SessionDescription.directionIn(attributes).isPresent()) {
        throw error("more than one direction attribute at " + level + " level");
      }
      attributes.add(attribute);
    }

    /** Parses the current line's value, turning a value type's complaint into a line error. */
    private <T> T field(ValueParser<T> parser) throws SdpParseException {
      try {
        return parser.parse(value());
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage());
      }
    }
  }

  @FunctionalInterface
  private interface ValueParser<T> {
    T parse(String value);
  }
}
