package dev.switchboard.server.voicemail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small SMTP client (RFC 5321) on the JDK's sockets that hands one {@link Mail} at a time to the
 * configured server as a MIME multipart message (RFC 2045/2046) with its attachment in base64.
 */
public final class SmtpClient {
  private static final int CONNECT_MILLIS = 10_000;
  private static final int READ_MILLIS = 30_000;

  private final SmtpSettings settings;
  private final SSLSocketFactory tls;

  /** A client that checks the server's certificate against the JVM's default trust. */
  public SmtpClient(SmtpSettings settings) {
    this(settings, (SSLSocketFactory) SSLSocketFactory.getDefault());
  }

  /** A client that trusts what {@code tls} trusts (a test's own certificate authority). */
  public SmtpClient(SmtpSettings settings, SSLSocketFactory tls) {
    this.settings = settings;
    this.tls = tls;
  }

  /** Sends {@code mail}; fails with the server's reply when it refuses a step. */
  public void send(Mail mail) throws IOException {
    if (mail.to().chars().anyMatch(c -> c == '\r' || c == '\n' || c == '<' || c == '>')) {
      throw new IOException("not a recipient address: " + mail.to());
    }
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(settings.host(), settings.port()), CONNECT_MILLIS);
      socket.setSoTimeout(READ_MILLIS);
      if (settings.security() == SmtpSettings.Security.IMPLICIT) {
        socket = upgrade(socket);
      }
      Session s = new Session(socket);
      s.expect(220);
      s.command("EHLO " + helloName(), 250);
      if (settings.security() == SmtpSettings.Security.STARTTLS) {
        s.command("STARTTLS", 220);
        socket = upgrade(socket);
        s = new Session(socket);
        s.command("EHLO " + helloName(), 250);
      }
      if (settings.user() != null) {
        String login = "\0" + settings.user() + "\0" + settings.password();
        s.command(
            "AUTH PLAIN "
                + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)),
            235);
      }
      s.command("MAIL FROM:<" + settings.from() + ">", 250);
      s.command("RCPT TO:<" + mail.to() + ">", 250);
      s.command("DATA", 354);
      s.data(message(mail));
      s.expect(250);
      s.command("QUIT", 221);
    } finally {
      socket.close();
    }
  }

  private Socket upgrade(Socket plain) throws IOException {
    SSLSocket s = (SSLSocket) tls.createSocket(plain, settings.host(), settings.port(), true);
    SSLParameters p = s.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
    s.setSSLParameters(p);
    s.startHandshake();
    return s;
  }

  private static String helloName() {
    try {
      return java.net.InetAddress.getLocalHost().getCanonicalHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** The message as it goes after DATA: headers, a text part and the attachment. */
  String message(Mail mail) {
    String boundary = "=_sb_" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    StringBuilder m = new StringBuilder(mail.attachment().length * 4 / 3 + 1024);
    m.append("From: <").append(settings.from()).append(">\r\n");
    m.append("To: <").append(mail.to()).append(">\r\n");
    m.append("Subject: ").append(headerText(mail.subject())).append("\r\n");
    m.append("Date: ")
        .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()))
        .append("\r\n");
    m.append("MIME-Version: 1.0\r\n");
    m.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
    m.append("--").append(boundary).append("\r\n");
    m.append("Content-Type: text/plain; charset=UTF-8\r\n");
    m.append("Content-Transfer-Encoding: base64\r\n\r\n");
    m.append(base64(mail.text().getBytes(StandardCharsets.UTF_8)));
    String name = mail.attachmentName().replaceAll("[^A-Za-z0-9._-]", "_");
    m.append("--").append(boundary).append("\r\n");
    m.append("Content-Type: ")
        .append(mail.attachmentType())
        .append("; name=\"")
        .append(name)
        .append("\"\r\n");
    m.append("Content-Disposition: attachment; filename=\"").append(name).append("\"\r\n");
    m.append("Content-Transfer-Encoding: base64\r\n\r\n");
    m.append(base64(mail.attachment()));
    m.append("--").append(boundary).append("--\r\n");
    return m.toString();
  }

  private static String base64(byte[] bytes) {
    return Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(bytes) + "\r\n";
  }

  /** Header text on one line: ASCII as it is, anything else as an RFC 2047 encoded word. */
  static String headerText(String text) {
    String line = text.replaceAll("[\\r\\n\\t]+", " ");
    if (line.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return line;
    }
    return "=?UTF-8?B?"
        + Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8))
        + "?=";
  }

  /** One connection's command and reply exchange. */
  private static final class Session {
    private final BufferedReader in;
    private final OutputStream out;

    Session(Socket socket) throws IOException {
      this.in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      this.out = socket.getOutputStream();
    }

    void command(String line, int expected) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      try {
        expect(expected);
      } catch (IOException e) {
        String shown = line.startsWith("AUTH ") ? "AUTH PLAIN ..." : line;
        throw new IOException(shown + ": " + e.getMessage(), e);
      }
    }

    /** The body, dot-stuffed (RFC 5321 §4.5.2), and the end-of-data line. */
    void data(String body) throws IOException {
      StringBuilder b = new StringBuilder(body.length() + 16);
      for (String line : body.split("\r\n", -1)) {
        if (line.startsWith(".")) {
          b.append('.');
        }
        b.append(line).append("\r\n");
      }
      b.setLength(b.length() - 2); // the split's last, empty line after the final CRLF
      b.append(".\r\n");
      out.write(b.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** Reads one reply (its continuation lines too); fails unless its code is {@code expected}. */
    void expect(int expected) throws IOException {
      String line;
      do {
        line = in.readLine();
        if (line == null) {
          throw new IOException("the SMTP server closed the connection");
        }
      } while (line.length() > 3 && line.charAt(3) == '-');
      int code;
      try {
        code = Integer.parseInt(line.substring(0, Math.min(3, line.length())));
      } catch (NumberFormatException e) {
        throw new IOException("not an SMTP reply: " + line);
      }
      // Any positive completion where one is expected (RCPT may answer 251).
      if (code != expected && !(expected / 100 == 2 && code / 100 == 2)) {
        throw new IOException("the SMTP server answered " + line);
      }
    }
  }
}
