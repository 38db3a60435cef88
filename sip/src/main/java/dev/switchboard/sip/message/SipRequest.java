package dev.switchboard.sip.message;

/** A SIP request: method, Request-URI, headers and body. */
public final class SipRequest extends SipMessage {
  public static final String INVITE = "INVITE";
  public static final String ACK = "ACK";
  public static final String BYE = "BYE";
  public static final String CANCEL = "CANCEL";
  public static final String OPTIONS = "OPTIONS";
  public static final String REGISTER = "REGISTER";
  public static final String PRACK = "PRACK";
  public static final String SUBSCRIBE = "SUBSCRIBE";
  public static final String NOTIFY = "NOTIFY";
  public static final String PUBLISH = "PUBLISH";
  public static final String INFO = "INFO";
  public static final String REFER = "REFER";
  public static final String MESSAGE = "MESSAGE";
  public static final String UPDATE = "UPDATE";

  private final String method;
  private String requestUriText;
  private Uri requestUri;

  SipRequest(String method, String requestUriText, String version, Headers headers, byte[] body) {
    super(version, headers, body);
    this.method = method;
    this.requestUriText = requestUriText;
  }

  /** A new request with no headers yet; the caller adds Via, From, To, Call-ID, CSeq… */
  public static SipRequest create(String method, Uri requestUri) {
    if (!Lexer.isToken(method)) {
      throw new IllegalArgumentException("method must be a token: " + method);
    }
    SipRequest r = new SipRequest(method, requestUri.toString(), "SIP/2.0", new Headers(12), null);
    r.requestUri = requestUri;
    return r;
  }

  /** The method as written; methods are case-sensitive (RFC 3261 §7.1). */
  public String method() {
    return method;
  }

  public boolean isMethod(String m) {
    return method.equals(m);
  }

  public Uri requestUri() {
    Uri u = requestUri;
    if (u == null) {
      try {
        u = Uri.parse(requestUriText);
      } catch (SipParseException e) {
        throw new SipParseException("bad Request-URI: " + e.getMessage());
      }
      requestUri = u;
    }
    return u;
  }

  public void setRequestUri(Uri uri) {
    requestUri = uri;
    requestUriText = uri.toString();
    dropWire();
  }

  @Override
  public SipRequest copy() {
    SipRequest c = new SipRequest(method, requestUriText, version(), headers.copy(), body());
    c.requestUri = requestUri;
    return withWireOf(this, c);
  }

  @Override
  void appendStartLine(StringBuilder sb) {
    sb.append(method).append(' ').append(requestUriText).append(' ').append(version());
  }

  /**
   * A response to this request per RFC 3261 §8.2.6.2: Via, From, To, Call-ID and CSeq copied (and
   * Timestamp for 100), no body. The caller adds a To tag where one is needed.
   */
  public SipResponse createResponse(int status, String reason) {
    SipResponse r =
        new SipResponse(status, reason == null ? SipResponse.defaultReason(status) : reason);
    r.copyHeader(this, HeaderNames.VIA);
    r.copyHeader(this, HeaderNames.FROM);
    r.copyHeader(this, HeaderNames.TO);
    r.copyHeader(this, HeaderNames.CALL_ID);
    r.copyHeader(this, HeaderNames.CSEQ);
    if (status == 100) {
      r.copyHeader(this, HeaderNames.TIMESTAMP);
    }
    r.headers.add(HeaderNames.CONTENT_LENGTH, "0");
    return r;
  }

  /**
   * Checks what every layer relies on before a request goes up the stack: the version, the
   * Request-URI and the mandatory headers of RFC 3261 §8.1.1, and that the CSeq method matches.
   */
  public void validate() {
    if (requestUri() instanceof SipUri u && u.headers() != null) {
      throw new SipParseException("headers are not allowed in a Request-URI");
    }
    topVia();
    from();
    to();
    String callId = callId().strip();
    if (!isCallId(callId)) {
      throw new SipParseException("bad Call-ID", HeaderNames.CALL_ID);
    }
    if (headers.count(HeaderNames.CALL_ID) > 1) {
      throw new SipParseException("more than one Call-ID", HeaderNames.CALL_ID);
    }
    if (headers.count(HeaderNames.FROM) > 1 || headers.count(HeaderNames.TO) > 1) {
      throw new SipParseException("more than one From or To");
    }
    if (headers.count(HeaderNames.CSEQ) > 1) {
      throw new SipParseException("more than one CSeq", HeaderNames.CSEQ);
    }
    CSeq c = cseq();
    if (!c.method().equals(method)) {
      throw new SipParseException("method does not match the request's", HeaderNames.CSEQ);
    }
    maxForwards();
    if (headers.count(HeaderNames.MAX_FORWARDS) > 1) {
      throw new SipParseException("more than one Max-Forwards", HeaderNames.MAX_FORWARDS);
    }
    if (headers.first(HeaderNames.EXPIRES) != null) {
      expires();
    }
    if (isMethod(REGISTER) || headers.contains(HeaderNames.CONTACT)) {
      contacts();
    }
    routes();
    recordRoutes();
  }

  /** RFC 3261 callid = word ["@" word]. */
  static boolean isCallId(String s) {
    if (s.isEmpty()) {
      return false;
    }
    int at = s.indexOf('@');
    if (at == 0 || at == s.length() - 1 || (at >= 0 && s.indexOf('@', at + 1) >= 0)) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '@') {
        continue;
      }
      if (!Lexer.isTokenChar(c) && "()<>:\\\"/[]?{}".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }
}
