package dev.switchboard.console.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what a well-behaved client library refuses to send: malformed
 * request lines, overlong paths and headers, and headers that announce a body never sent.
 */
final class RawHttp {

  /** A parsed response; {@code headers} keys are lower case. */
  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final String host;
  private final int port;

  RawHttp(String baseUrl) {
    URI u = URI.create(baseUrl);
    this.host = u.getHost();
    this.port = u.getPort();
  }

  /**
   * Sends {@code head} (request line and headers, without the blank line) and {@code body}, then
   * reads one response; a server that waits for more than was sent fails the read after 5 s.
   */
  Response exchange(String head, byte[] body) throws IOException {
    return exchange(head, body, 5);
  }

  /** As {@link #exchange(String, byte[])}, waiting up to {@code seconds} for the answer. */
  Response exchange(String head, byte[] body, int seconds) throws IOException {
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(seconds * 1000);
      OutputStream out = s.getOutputStream();
      out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return read(s.getInputStream());
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "no answer within " + seconds + " s: did the server wait for a body?", e);
    }
  }

  /** A GET of {@code target} exactly as written (no encoding), with the usual headers. */
  Response get(String target, String... headers) throws IOException {
    StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: " + host);
    for (String h : headers) {
      head.append("\r\n").append(h);
    }
    head.append("\r\nConnection: close");
    return exchange(head.toString(), null);
  }

  private static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before the response head ended: " + headBytes);
      }
      headBytes.write(b);
      matched =
          (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
    }
    String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body;
    String length = headers.get("content-length");
    if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked(in);
    } else {
      body = in.readAllBytes();
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      StringBuilder size = new StringBuilder();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          return out.toByteArray();
        }
        if (b != '\r') {
          size.append((char) b);
        }
      }
      int n = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
      if (n == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(n));
      in.readNBytes(2);
    }
  }
}
