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

  private static final String[] METHODS = {
    INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, PRACK, SUBSCRIBE, NOTIFY, PUBLISH, INFO, REFER,
    MESSAGE, UPDATE
  };

  private final String method;
  // validate() passed while headers.modCount() had this value and the Request-URI was unchanged.
  private int validStamp = -1;
  private String requestUriText;
  private Uri requestUri;

  SipRequest(String method, String requestUriText, String version, Headers headers, byte[] body) {
    super(version, headers, body);
    this.method = method;
    this.requestUriText = requestUriText;
  }

  /**
   * The constant for a method in {@code b[from, to)} spelled exactly as RFC 3261 does (methods are
   * case-sensitive), or null.
   */
  static String knownMethod(byte[] b, int from, int to) {
    for (String m : METHODS) {
      if (m.length() == to - from && MessageParser.startsWith(b, from, to, m)) {
        return m;
      }
    }
    return null;
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
    validStamp = -1;
    dropWire();
  }

  @Override
  public SipRequest copy() {
    SipRequest c = new SipRequest(method, requestUriText, version(), headers.copy(), body());
    c.requestUri = requestUri;
    return withWireOf(this, c);
  }

  @Override
  public SipRequest skeleton() {
    Headers h = headers.detached(IDENTITY);
    h.add(HeaderNames.CONTENT_LENGTH, "0");
    SipRequest s = new SipRequest(method, requestUriText, version(), h, null);
    s.requestUri = requestUri;
    return s;
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
    int stamp = headers.modCount();
    if (validStamp == stamp) {
      return; // Already checked (the transport does it; layers above may ask again).
    }
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
    // One walk over the lines counts what the checks below need, in the order they report it.
    int callIds = 0;
    int froms = 0;
    int tos = 0;
    int cseqs = 0;
    int maxForwards = 0;
    boolean expires = false;
    boolean contact = false;
    boolean route = false;
    boolean recordRoute = false;
    for (HeaderField f : headers.fieldList()) {
      // Known names are held as their canonical constants (see Headers), so identity suffices.
      String n = f.name();
      if (n == HeaderNames.CALL_ID) {
        callIds++;
      } else if (n == HeaderNames.FROM) {
        froms++;
      } else if (n == HeaderNames.TO) {
        tos++;
      } else if (n == HeaderNames.CSEQ) {
        cseqs++;
      } else if (n == HeaderNames.MAX_FORWARDS) {
        maxForwards++;
      } else if (n == HeaderNames.EXPIRES) {
        expires = true;
      } else if (n == HeaderNames.CONTACT) {
        contact = true;
      } else if (n == HeaderNames.ROUTE) {
        route = true;
      } else if (n == HeaderNames.RECORD_ROUTE) {
        recordRoute = true;
      }
    }
    if (callIds > 1) {
      throw new SipParseException("more than one Call-ID", HeaderNames.CALL_ID);
    }
    if (froms > 1 || tos > 1) {
      throw new SipParseException("more than one From or To");
    }
    if (cseqs > 1) {
      throw new SipParseException("more than one CSeq", HeaderNames.CSEQ);
    }
    CSeq c = cseq();
    if (!c.method().equals(method)) {
      throw new SipParseException("method does not match the request's", HeaderNames.CSEQ);
    }
    maxForwards();
    if (maxForwards > 1) {
      throw new SipParseException("more than one Max-Forwards", HeaderNames.MAX_FORWARDS);
    }
    if (expires) {
      expires();
    }
    if (isMethod(REGISTER) || contact) {
      contacts();
    }
    if (route) {
      routes();
    }
    if (recordRoute) {
      recordRoutes();
    }
    validStamp = stamp;
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
