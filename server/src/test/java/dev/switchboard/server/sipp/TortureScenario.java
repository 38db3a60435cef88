package dev.switchboard.server.sipp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a one-message SIPp scenario that sends an RFC 4475 torture message unchanged and checks
 * the answer the manifest expects.
 */
public final class TortureScenario {

  /** Where the messages live, relative to the server module; override with this property. */
  public static final String DIRECTORY_PROPERTY = "switchboard.rfc4475.dir";

  private static final Path DEFAULT_DIRECTORY = Path.of("..", "sip", "src", "test", "resources");

  /** How long a scenario waits for the expected answer, or for silence when none is expected. */
  private static final int WAIT_MILLIS = 3000;

  private static final Pattern CALL_ID =
      Pattern.compile(
          "^(?:call-id|i)[ \\t]*:[ \\t]*(\\S+)", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Pattern CSEQ_NUMBER =
      Pattern.compile("^cseq[ \\t]*:[ \\t]*(\\d+)", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  /** One row of {@code manifest.tsv}; see the README beside it for the columns. */
  public record Entry(
      String name,
      String section,
      String kind,
      String verdict,
      String expect,
      boolean sipp,
      String note) {

    /** The expected status code, or empty when the message must be dropped silently. */
    public Optional<Integer> expectedStatus() {
      return "none".equals(expect) ? Optional.empty() : Optional.of(Integer.parseInt(expect));
    }

    /** The message's exact bytes. */
    public byte[] bytes() {
      try {
        return Files.readAllBytes(file());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The message file. */
    public Path file() {
      return directory().resolve(name + ".sip");
    }
  }

  /** A written scenario and the SIPp arguments it needs. */
  public record Prepared(Entry entry, Path scenario, List<String> sippArgs) {}

  private TortureScenario() {}

  /** The folder holding the messages and {@code manifest.tsv}. */
  public static Path directory() {
    String configured = System.getProperty(DIRECTORY_PROPERTY);
    Path base = configured != null ? Path.of(configured) : DEFAULT_DIRECTORY.resolve("rfc4475");
    return base.toAbsolutePath().normalize();
  }

  /** Every row of the manifest, in file order. */
  public static List<Entry> manifest() throws IOException {
    List<String> lines =
        Files.readAllLines(directory().resolve("manifest.tsv"), StandardCharsets.UTF_8);
    if (lines.isEmpty()
        || !lines.get(0).equals("name\tsection\tkind\tverdict\texpect\tsipp\tnote")) {
      throw new IOException("manifest.tsv lacks its header row");
    }
    return lines.stream()
        .skip(1)
        .filter(line -> !line.isBlank())
        .map(TortureScenario::entry)
        .toList();
  }

  private static Entry entry(String line) {
    String[] cells = line.split("\t", -1);
    if (cells.length != 7) {
      throw new IllegalArgumentException("manifest row needs 7 columns: " + line);
    }
    return new Entry(
        cells[0], cells[1], cells[2], cells[3], cells[4], "yes".equals(cells[5]), cells[6]);
  }

  /**
   * Writes {@code rfc4475-NAME.xml} into the directory: send the message, then wait for the
   * expected final response (a 100 may come first), ACKing a non-2xx answer to an INVITE, or stay
   * silent for a while when nothing is expected. Only entries marked {@code sipp=yes}.
   */
  public static Prepared write(Entry entry, Path dir) throws IOException {
    if (!entry.sipp()) {
      throw new IllegalArgumentException(entry.name() + " cannot be sent faithfully by SIPp");
    }
    String message = new String(entry.bytes(), StandardCharsets.UTF_8);
    String callId = find(CALL_ID, message).orElseThrow();
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<!-- RFC 4475 ")
        .append(entry.section())
        .append(' ')
        .append(entry.name())
        .append(": expects ")
        .append(entry.expect())
        .append(" -->\n<scenario name=\"rfc4475-")
        .append(entry.name())
        .append("\">\n<send><![CDATA[")
        .append(message)
        .append("]]></send>\n");
    Optional<Integer> status = entry.expectedStatus();
    if (status.isEmpty()) {
      xml.append("<pause milliseconds=\"").append(WAIT_MILLIS).append("\"/>\n");
    } else {
      if (status.get() >= 200) {
        // The wait belongs on the optional 100 too: SIPp applies the timeout of the step it stands
        // on.
        xml.append("<recv response=\"100\" optional=\"true\" timeout=\"")
            .append(WAIT_MILLIS)
            .append("\"/>\n");
      }
      xml.append("<recv response=\"")
          .append(status.get())
          .append("\" timeout=\"")
          .append(WAIT_MILLIS)
          .append("\"/>\n");
      String[] requestLine = message.substring(0, message.indexOf("\r\n")).trim().split(" +");
      Optional<String> cseq = find(CSEQ_NUMBER, message);
      if ("INVITE".equals(requestLine[0])
          && status.get() >= 300
          && requestLine.length >= 2
          && cseq.isPresent()) {
        xml.append(ack(requestLine[1], cseq.get()));
      }
    }
    xml.append("</scenario>\n");
    Path scenario = dir.resolve("rfc4475-" + entry.name() + ".xml");
    Files.writeString(scenario, xml, StandardCharsets.UTF_8);
    return new Prepared(entry, scenario, List.of("-cid_str", callId.replace("%", "%%"), "-nd"));
  }

  /** The ACK of a non-2xx final response: the INVITE's Request-URI, Via and CSeq number. */
  private static String ack(String requestUri, String cseq) {
    return "<send><![CDATA[ACK "
        + requestUri
        + " SIP/2.0\r\n"
        + "[last_Via:]\r\n"
        + "[last_From:]\r\n"
        + "[last_To:]\r\n"
        + "[last_Call-ID:]\r\n"
        + "CSeq: "
        + cseq
        + " ACK\r\n"
        + "Max-Forwards: 70\r\n"
        + "Content-Length: 0\r\n\r\n]]></send>\n";
  }

  private static Optional<String> find(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
