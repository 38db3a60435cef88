package dev.switchboard.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A SIP request or response: start line, header lines in order and a body. Typed header views are
 * parsed on first use and cached until the headers change; an unchanged message serialises to
 * exactly the bytes it was parsed from.
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {
  static final byte[] NO_BODY = new byte[0];

  final Headers headers;
  // Null while the body is still the range [bodyOff, bodyOff + bodyLen) of bodySource.
  private byte[] body;
  private byte[] bodySource;
  private int bodyOff;
  private int bodyLen;
  private final String version;

  // The bytes this message was parsed from, valid while headers.modCount() == wireStamp.
  // Only its first wireLen bytes are the message (a datagram may carry more after the body).
  private byte[] wire;
  private int wireLen;
  private int wireStamp = -1;

  // Typed views, valid while headers.modCount() == viewStamp.
  private int viewStamp = -1;
  private Via topVia;
  private Address from;
  private Address to;
  private CSeq cseq;
  private List<Address> contacts;

  // Set by the transport for a message that arrived SigComp-compressed: what vouching keeps.
  private volatile Runnable onVouch;

  SipMessage(String version, Headers headers, byte[] body) {
    this.version = version;
    this.headers = headers;
    this.body = body == null ? NO_BODY : body;
  }

  /** For the transport: what {@link #vouch} does for this message. */
  public void onVouch(Runnable action) {
    this.onVouch = action;
  }

  /**
   * The application authenticated this message's sender. The transport may now keep what the
   * message asked it to keep — for a SigComp message, its states in the sender's compartment (RFC
   * 3320 §4.3). Does nothing for other messages; acts once.
   */
  public void vouch() {
    Runnable r = onVouch;
    onVouch = null;
    if (r != null) {
      r.run();
    }
  }

  /** Whether the transport holds something {@link #vouch} would keep. */
  public boolean awaitsVouch() {
    return onVouch != null;
  }

  public Headers headers() {
    return headers;
  }

  /** "SIP/2.0" for every message we accept; other versions parse so they can get a 505. */
  public String version() {
    return version;
  }

  public byte[] body() {
    byte[] b = body;
    if (b == null) {
      // Racing readers copy the same immutable bytes: harmless.
      b = Arrays.copyOfRange(bodySource, bodyOff, bodyOff + bodyLen);
      body = b;
    }
    return b;
  }

  /** The parser's body: a range of the message's own bytes, copied out only when read. */
  void bodyIn(byte[] source, int off, int len) {
    if (len == 0) {
      body = NO_BODY;
    } else {
      body = null;
      bodySource = source;
      bodyOff = off;
      bodyLen = len;
    }
  }

  private int bodyLength() {
    byte[] b = body;
    return b == null ? bodyLen : b.length;
  }

  /** Sets the body and its Content-Type (null type removes it); Content-Length follows. */
  public void setBody(byte[] newBody, String contentType) {
    body = newBody == null ? NO_BODY : newBody;
    bodySource = null;
    if (contentType == null) {
      headers.remove(HeaderNames.CONTENT_TYPE);
    } else {
      headers.set(HeaderNames.CONTENT_TYPE, contentType);
    }
    headers.set(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
  }

  public String header(String name) {
    return headers.first(name);
  }

  public void setHeader(String name, String value) {
    headers.set(name, value);
  }

  public void addHeader(String name, String value) {
    headers.add(name, value);
  }

  public void removeHeader(String name) {
    headers.remove(name);
  }

  private void freshViews() {
    int mc = headers.modCount();
    if (viewStamp != mc) {
      topVia = null;
      from = null;
      to = null;
      cseq = null;
      contacts = null;
      viewStamp = mc;
    }
  }

  private HeaderField requiredField(String name) {
    HeaderField f = headers.firstField(name);
    if (f == null) {
      throw new SipParseException("missing " + name + " header", name);
    }
    return f;
  }

  private String required(String name) {
    String v = headers.first(name);
    if (v == null) {
      throw new SipParseException("missing " + name + " header", name);
    }
    return v;
  }

  /** The first Via entry, the one that names the previous hop. */
  public Via topVia() {
    freshViews();
    if (topVia == null) {
      Lexer lx = new Lexer(requiredField(HeaderNames.VIA).chars());
      Via v = Via.parse(lx);
      lx.skipWs();
      if (!lx.atEnd() && lx.peek() != ',') {
        throw new SipParseException("unexpected text" + lx.at(), HeaderNames.VIA);
      }
      topVia = v;
    }
    return topVia;
  }

  /** Every Via entry, comma lists split, top first. */
  public List<Via> vias() {
    List<Via> out = new ArrayList<>(2);
    for (String line : headers.all(HeaderNames.VIA)) {
      out.addAll(Via.parseList(line));
    }
    return out;
  }

  /** Adds a Via entry on top (a proxy or UAC sending the request on). */
  public void pushVia(Via via) {
    headers.addFirst(HeaderNames.VIA, via.toString());
  }

  /** Replaces the top Via entry (a server adding received and rport). */
  public void setTopVia(Via via) {
    String first = required(HeaderNames.VIA);
    // One entry per line is the usual case (every Via has a comma when a line holds several):
    // no need to parse the line again just to learn that.
    if (first.indexOf(',') < 0) {
      headers.replaceFirst(HeaderNames.VIA, via.toString());
      return;
    }
    List<Via> entries = Via.parseList(first);
    if (entries.size() == 1) {
      headers.replaceFirst(HeaderNames.VIA, via.toString());
    } else {
      entries.set(0, via);
      headers.replaceFirst(HeaderNames.VIA, join(entries));
    }
  }

  /** Removes the top Via entry and returns it (a proxy forwarding a response). */
  public Via popVia() {
    String first = required(HeaderNames.VIA);
    List<Via> entries = Via.parseList(first);
    Via top = entries.remove(0);
    if (entries.isEmpty()) {
      headers.removeFirst(HeaderNames.VIA);
    } else {
      headers.replaceFirst(HeaderNames.VIA, join(entries));
    }
    return top;
  }

  private static String join(List<?> items) {
    StringBuilder sb = new StringBuilder();
    for (Object o : items) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(o);
    }
    return sb.toString();
  }

  public Address from() {
    freshViews();
    if (from == null) {
      from = address(HeaderNames.FROM);
    }
    return from;
  }

  public Address to() {
    freshViews();
    if (to == null) {
      to = address(HeaderNames.TO);
    }
    return to;
  }

  public void setFrom(Address a) {
    headers.set(HeaderNames.FROM, a.toString());
  }

  public void setTo(Address a) {
    headers.set(HeaderNames.TO, a.toString());
  }

  private Address address(String name) {
    try {
      return Address.parseValue(requiredField(name).chars());
    } catch (SipParseException e) {
      throw e.in(name);
    }
  }

  public String callId() {
    return required(HeaderNames.CALL_ID);
  }

  public CSeq cseq() {
    freshViews();
    if (cseq == null) {
      cseq = CSeq.parse(requiredField(HeaderNames.CSEQ));
    }
    return cseq;
  }

  /** Max-Forwards, or -1 when absent. */
  public int maxForwards() {
    HeaderField f = headers.firstField(HeaderNames.MAX_FORWARDS);
    return f == null ? -1 : smallInt(f, 255, HeaderNames.MAX_FORWARDS);
  }

  /** The Expires header in seconds, or -1 when absent. */
  public long expires() {
    String v = headers.first(HeaderNames.EXPIRES);
    return v == null ? -1 : deltaSeconds(v.strip(), HeaderNames.EXPIRES);
  }

  /** Parses delta-seconds, saturating at 2^32-1 as RFC 3261 §20.19 allows for large values. */
  public static long deltaSeconds(String v, String header) {
    if (v.isEmpty() || v.length() > 20) {
      throw new SipParseException("bad delta-seconds", header);
    }
    long n = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        throw new SipParseException("bad delta-seconds", header);
      }
      n = Math.min(n * 10 + (c - '0'), 0xffffffffL);
    }
    return n;
  }

  /** {@link #smallInt(String, int, String)} of a line's value, read from its bytes if plain. */
  static int smallInt(HeaderField f, int max, String header) {
    int n = f.plainDigits();
    if (n < 0) {
      return smallInt(f.value().strip(), max, header);
    }
    if (n > max) {
      throw new SipParseException("value out of range", header);
    }
    return n;
  }

  static int smallInt(String v, int max, String header) {
    if (v.isEmpty() || v.length() > 10) {
      throw new SipParseException("bad number", header);
    }
    long n = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        throw new SipParseException("bad number", header);
      }
      n = n * 10 + (c - '0');
    }
    if (n > max) {
      throw new SipParseException("value out of range", header);
    }
    return (int) n;
  }

  /** Contact entries; empty for none, and for {@code *} (see {@link #isWildcardContact}). */
  /**
   * Every Contact address, in order, as an unmodifiable list parsed once until a header changes.
   */
  public List<Address> contacts() {
    freshViews();
    List<Address> c = contacts;
    if (c == null) {
      c = List.copyOf(addressList(HeaderNames.CONTACT));
      contacts = c;
    }
    return c;
  }

  /** Whether the message carries {@code Contact: *} (remove all bindings). */
  public boolean isWildcardContact() {
    String v = headers.first(HeaderNames.CONTACT);
    return v != null && v.strip().equals("*");
  }

  public List<Address> routes() {
    return addressList(HeaderNames.ROUTE);
  }

  public List<Address> recordRoutes() {
    return addressList(HeaderNames.RECORD_ROUTE);
  }

  List<Address> addressList(String name) {
    List<Address> out = new ArrayList<>(2);
    for (String line : headers.all(name)) {
      if (line.strip().equals("*") && name.equals(HeaderNames.CONTACT)) {
        continue;
      }
      try {
        out.addAll(Address.parseList(line));
      } catch (SipParseException e) {
        throw e.in(name);
      }
    }
    return out;
  }

  /** Removes the first Route entry (a proxy consuming a route to itself). */
  public Address popRoute() {
    String first = required(HeaderNames.ROUTE);
    List<Address> entries = Address.parseList(first);
    Address top = entries.remove(0);
    if (entries.isEmpty()) {
      headers.removeFirst(HeaderNames.ROUTE);
    } else {
      headers.replaceFirst(HeaderNames.ROUTE, join(entries));
    }
    return top;
  }

  /** The declared Content-Length, or -1 when absent. */
  public int contentLength() {
    HeaderField f = headers.firstField(HeaderNames.CONTENT_LENGTH);
    return f == null ? -1 : smallInt(f, Integer.MAX_VALUE, HeaderNames.CONTENT_LENGTH);
  }

  public String contentType() {
    return headers.first(HeaderNames.CONTENT_TYPE);
  }

  /** Header tokens of a comma list header such as Require, Supported or Allow. */
  public List<String> tokens(String name) {
    List<String> out = new ArrayList<>(4);
    for (String line : headers.all(name)) {
      for (String t : line.split(",")) {
        String s = t.strip();
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  abstract void appendStartLine(StringBuilder sb);

  /**
   * An independent copy to change and send on (a proxy forwarding a request) while the original
   * stays as received. The body is shared: bodies are never changed in place.
   */
  public abstract SipMessage copy();

  /** What {@link #skeleton} keeps: the headers that name the transaction and the route back. */
  static final String[] IDENTITY = {
    HeaderNames.VIA,
    HeaderNames.ROUTE,
    HeaderNames.MAX_FORWARDS,
    HeaderNames.FROM,
    HeaderNames.TO,
    HeaderNames.CALL_ID,
    HeaderNames.CSEQ
  };

  /**
   * This message cut to its start line and {@link #IDENTITY} headers, without body and detached
   * from the received bytes: what a transaction keeps once it only absorbs retransmissions, at a
   * tenth of the memory of a parsed INVITE with its datagram.
   */
  public abstract SipMessage skeleton();

  /** Carries the parsed bytes over to a copy while they are still valid. */
  <T extends SipMessage> T withWireOf(SipMessage original, T copy) {
    if (original.wire != null && original.wireStamp == original.headers.modCount()) {
      copy.wire(original.wire, original.wireLen);
    }
    return copy;
  }

  /** The start line without its CRLF, e.g. {@code INVITE sip:bob@b.test SIP/2.0}. */
  public String startLine() {
    StringBuilder sb = new StringBuilder(64);
    appendStartLine(sb);
    return sb.toString();
  }

  /** The wire form; an unchanged parsed message gives back its original bytes. */
  public byte[] toBytes() {
    byte[] w = wire;
    if (w != null && wireStamp == headers.modCount()) {
      if (w.length != wireLen) {
        // Cut once, when first sent: the parse itself does not copy the datagram.
        w = Arrays.copyOf(w, wireLen);
        wire = w;
      }
      return w;
    }
    StringBuilder start = new StringBuilder(64);
    appendStartLine(start);
    List<HeaderField> fields = headers.fieldList();
    int bodyLength = bodyLength();
    String length = Integer.toString(bodyLength);
    // Sized exactly for ASCII, so the buffer is usually the result itself.
    int size = start.length() + 2 + 2 + bodyLength;
    boolean hasLength = false;
    for (int i = 0, k = fields.size(); i < k; i++) {
      HeaderField f = fields.get(i);
      boolean isLength = f.name() == HeaderNames.CONTENT_LENGTH;
      hasLength |= isLength;
      size += f.name().length() + 4 + (isLength ? length.length() : f.wireLength());
    }
    if (!hasLength) {
      size += HeaderNames.CONTENT_LENGTH.length() + 4 + length.length();
    }
    WireBuffer out = new WireBuffer(size);
    out.text(start).crlf();
    for (int i = 0, k = fields.size(); i < k; i++) {
      HeaderField f = fields.get(i);
      out.text(f.name()).text(": ");
      if (f.name() == HeaderNames.CONTENT_LENGTH) {
        out.text(length);
      } else {
        f.writeValue(out);
      }
      out.crlf();
    }
    if (!hasLength) {
      out.text(HeaderNames.CONTENT_LENGTH).text(": ").text(length).crlf();
    }
    out.crlf();
    if (bodyLength > 0) {
      out.bytes(body(), 0, bodyLength);
    }
    return out.toArray();
  }

  /** The message's bytes are {@code bytes[0, len)}; they must never change afterwards. */
  void wire(byte[] bytes, int len) {
    wire = bytes;
    wireLen = len;
    wireStamp = headers.modCount();
  }

  /** Forgets the parsed bytes after a change outside the headers (the start line). */
  void dropWire() {
    wire = null;
  }

  void copyHeader(SipMessage from, String name) {
    headers.copyFrom(from.headers, name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipMessage m
        && o.getClass() == getClass()
        && startLine().equals(m.startLine())
        && headers.equals(m.headers)
        && Arrays.equals(body(), m.body());
  }

  @Override
  public int hashCode() {
    return startLine().hashCode() * 31 + headers.hashCode();
  }

  @Override
  public String toString() {
    return new String(toBytes(), StandardCharsets.UTF_8);
  }
}
