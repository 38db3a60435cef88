package dev.switchboard.server.wire;

import dev.switchboard.sip.auth.DigestClient;
import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A bare SIP endpoint on a UDP socket of 127.0.0.1 for tests that must say exactly what goes on the
 * wire (an attacker's forged request, a phone's REGISTER with digest): it sends raw text and
 * records every datagram that comes back, parsed, with its arrival time.
 */
public final class SipProbe implements AutoCloseable {
  private static final MessageParser PARSER = new MessageParser();
  private static final AtomicLong COUNTER = new AtomicLong();

  /** A datagram received, when, and from where. */
  public record Received(SipMessage message, long nanos, InetSocketAddress from, int bytes) {}

  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private final Thread reader;
  private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
  private final List<Received> all = new CopyOnWriteArrayList<>();
  private final DigestClient digest = new DigestClient(new Random(1));
  private final java.util.Map<String, String> registrations =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, Long> cseqs = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean open = true;

  public SipProbe(InetSocketAddress server) {
    try {
      this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.server = server;
    this.reader = new Thread(this::read, "sip-probe-" + socket.getLocalPort());
    reader.setDaemon(true);
    reader.start();
  }

  public SipProbe(int serverPort) {
    this(new InetSocketAddress("127.0.0.1", serverPort));
  }

  private void read() {
    byte[] buf = new byte[65_536];
    while (open) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return;
      }
      try {
        SipMessage m = PARSER.parseDatagram(java.util.Arrays.copyOf(p.getData(), p.getLength()));
        Received r =
            new Received(
                m, System.nanoTime(), (InetSocketAddress) p.getSocketAddress(), p.getLength());
        all.add(r);
        inbox.add(r);
      } catch (RuntimeException e) {
        // Not SIP (or a keep-alive): nothing a test waits for.
      }
    }
  }

  /** This probe's own port, for Via and Contact. */
  public int port() {
    return socket.getLocalPort();
  }

  public InetSocketAddress server() {
    return server;
  }

  /** Sends {@code text} as one datagram to the server (LF line ends become CRLF). */
  public void send(String text) {
    sendTo(text, server);
  }

  public void sendTo(String text, InetSocketAddress to) {
    byte[] bytes = crlf(text).getBytes(StandardCharsets.UTF_8);
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends bytes as they are, as one datagram to the server. */
  public void sendRaw(byte[] bytes) {
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, server));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void send(SipMessage m) {
    byte[] bytes = m.toBytes();
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, server));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Normalises line ends to CRLF and fixes Content-Length to the body actually given. */
  public static String crlf(String text) {
    String t = text.replace("\r\n", "\n");
    int split = t.indexOf("\n\n");
    String head = split < 0 ? t : t.substring(0, split);
    String body = split < 0 ? "" : t.substring(split + 2);
    StringBuilder out = new StringBuilder();
    boolean length = false;
    for (String line : head.split("\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15) || line.startsWith("l:")) {
        line =
            "Content-Length: " + body.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8).length;
        length = true;
      }
      out.append(line).append("\r\n");
    }
    if (!length) {
      out.append("Content-Length: ")
          .append(body.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n");
    }
    return out.append("\r\n").append(body.replace("\n", "\r\n")).toString();
  }

  /** The next message matching {@code what} within {@code timeout}, or null. */
  public Received await(Predicate<SipMessage> what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Received> skipped = new ArrayList<>();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        Received r = inbox.poll(left, TimeUnit.NANOSECONDS);
        if (r == null) {
          return null;
        }
        if (what.test(r.message())) {
          return r;
        }
        skipped.add(r);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      // Keep what this wait did not want, in order, for the next one.
      List<Received> rest = new ArrayList<>(skipped);
      inbox.drainTo(rest);
      inbox.addAll(rest);
    }
  }

  /** The final (or any non-100) response to the request with {@code callId} and {@code cseq}. */
  public SipResponse response(String callId, long cseq, Duration timeout) {
    Received r =
        await(
            m ->
                m instanceof SipResponse s
                    && s.status() > 100
                    && s.callId().equals(callId)
                    && s.cseq().number() == cseq,
            timeout);
    return r == null ? null : (SipResponse) r.message();
  }

  /** Everything received so far. */
  public List<Received> received() {
    return List.copyOf(all);
  }

  /** Waits {@code d} and then reports how many datagrams arrived in all. */
  public int quietFor(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return all.size();
  }

  /** A fresh token for Call-IDs, tags and branches. */
  public static String token() {
    return Long.toString(System.nanoTime(), 36) + COUNTER.incrementAndGet();
  }

  /**
   * REGISTERs {@code contact} (a full Contact header value) for {@code user@domain} with digest,
   * answering one challenge; returns the final response (null on timeout).
   */
  public SipResponse register(
      String user, String password, String domain, String contact, int expires) {
    // As phones do (RFC 3261 §10.2.4): one Call-ID per binding, CSeq counting up.
    String callId = registrations.computeIfAbsent(user + " " + contact, k -> "reg-" + token());
    long cseq = cseqs.merge(callId, 2L, Long::sum);
    SipRequest first = registerRequest(user, domain, contact, expires, callId, cseq - 1);
    SipResponse r = sendUntilAnswered(first);
    if (r == null || (r.status() != 401 && r.status() != 407)) {
      return r;
    }
    SipRequest second = registerRequest(user, domain, contact, expires, callId, cseq);
    digest.authorize(second, r, user, password);
    return sendUntilAnswered(second);
  }

  /**
   * Sends {@code request} and retransmits it as a phone does over UDP (RFC 3261 §17.1.2.2: after
   * 500 ms, then doubling up to 4 s) until a final response comes or about 8 s have passed.
   */
  public SipResponse sendUntilAnswered(SipRequest request) {
    long interval = 500;
    long waited = 0;
    while (waited < 8_000) {
      send(request);
      SipResponse r =
          response(request.callId(), request.cseq().number(), Duration.ofMillis(interval));
      if (r != null) {
        return r;
      }
      waited += interval;
      interval = Math.min(interval * 2, 4_000);
    }
    return null;
  }

  SipRequest registerRequest(
      String user, String domain, String contact, int expires, String callId, long cseq) {
    String text =
        "REGISTER sip:"
            + domain
            + " SIP/2.0\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:"
            + port()
            + ";branch=z9hG4bK"
            + token()
            + ";rport\n"
            + "Max-Forwards: 70\n"
            + "From: <sip:"
            + user
            + "@"
            + domain
            + ">;tag="
            + callId.hashCode()
            + "\n"
            + "To: <sip:"
            + user
            + "@"
            + domain
            + ">\n"
            + "Call-ID: "
            + callId
            + "\n"
            + "CSeq: "
            + cseq
            + " REGISTER\n"
            + "Contact: "
            + contact
            + "\n"
            + "Expires: "
            + expires
            + "\n"
            + "User-Agent: SipProbe\n\n";
    return (SipRequest) PARSER.parseDatagram(crlf(text).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A request as text from this probe: {@code from} and {@code to} are full header values (e.g.
   * {@code <sip:1001@a.test>;tag=x}); {@code extra} lines are added as given. Call-ID and branch
   * are fresh; CSeq 1.
   */
  public String request(String method, String requestUri, String from, String to, String... extra) {
    return request(method, requestUri, from, to, "c-" + token(), 1, extra);
  }

  public String request(
      String method,
      String requestUri,
      String from,
      String to,
      String callId,
      long cseq,
      String... extra) {
    StringBuilder sb = new StringBuilder();
    sb.append(method).append(' ').append(requestUri).append(" SIP/2.0\n");
    sb.append("Via: SIP/2.0/UDP 127.0.0.1:")
        .append(port())
        .append(";branch=z9hG4bK")
        .append(token())
        .append(";rport\n");
    sb.append("Max-Forwards: 70\n");
    sb.append("From: ").append(from).append('\n');
    sb.append("To: ").append(to).append('\n');
    sb.append("Call-ID: ").append(callId).append('\n');
    sb.append("CSeq: ").append(cseq).append(' ').append(method).append('\n');
    sb.append("Contact: <sip:probe@127.0.0.1:").append(port()).append(">\n");
    for (String e : extra) {
      sb.append(e).append('\n');
    }
    return sb.append('\n').toString();
  }

  /** Parses request text as built by {@link #request}. */
  public static SipRequest parseRequest(String text) {
    return (SipRequest) PARSER.parseDatagram(crlf(text).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends {@code text} (an INVITE or other request of a subscriber), answers the 407 with
   * credentials for {@code user}/{@code password} and returns the request as sent the second time,
   * or null when no challenge came.
   */
  public SipRequest sendAuthorized(String text, String user, String password) {
    SipRequest first = parseRequest(text);
    send(first);
    SipResponse challenge = response(first.callId(), first.cseq().number(), Duration.ofSeconds(5));
    if (challenge == null || (challenge.status() != 407 && challenge.status() != 401)) {
      return null;
    }
    String again =
        text.replaceFirst("(?m)^CSeq: \\d+", "CSeq: " + (first.cseq().number() + 1))
            .replaceFirst("branch=z9hG4bK[^;\\n]*", "branch=z9hG4bK" + token());
    SipRequest second = parseRequest(again);
    digest.authorize(second, challenge, user, password);
    send(second);
    return second;
  }

  /** The next request of {@code method} received within {@code timeout}, or null. */
  public SipRequest awaitRequest(String method, Duration timeout) {
    Received r = await(m -> m instanceof SipRequest q && q.method().equals(method), timeout);
    return r == null ? null : (SipRequest) r.message();
  }

  /** The next request of {@code method} in the call {@code callId}, or null. */
  public SipRequest awaitRequest(String method, String callId, Duration timeout) {
    Received r =
        await(
            m ->
                m instanceof SipRequest q && q.method().equals(method) && q.callId().equals(callId),
            timeout);
    return r == null ? null : (SipRequest) r.message();
  }

  @Override
  public void close() {
    open = false;
    socket.close();
    try {
      reader.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
