package dev.switchboard.sip.message;

/** A SIP response: status code, reason phrase, headers and body. */
public final class SipResponse extends SipMessage {
  private final int status;
  private final String reason;

  SipResponse(int status, String reason) {
    this("SIP/2.0", status, reason, new Headers(10), null);
  }

  SipResponse(String version, int status, String reason, Headers headers, byte[] body) {
    super(version, headers, body);
    if (status < 100 || status > 699) {
      throw new SipParseException("status code out of range");
    }
    this.status = status;
    this.reason = reason;
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  /** 1 for provisional, 2 for success, … 6 for global failure. */
  public int statusClass() {
    return status / 100;
  }

  public boolean isProvisional() {
    return status < 200;
  }

  public boolean isFinal() {
    return status >= 200;
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  @Override
  public SipResponse copy() {
    return withWireOf(this, new SipResponse(version(), status, reason, headers.copy(), body()));
  }

  @Override
  public SipResponse skeleton() {
    Headers h = headers.detached(IDENTITY);
    h.add(HeaderNames.CONTENT_LENGTH, "0");
    return new SipResponse(version(), status, reason, h, null);
  }

  @Override
  void appendStartLine(StringBuilder sb) {
    sb.append(version()).append(' ').append(status).append(' ').append(reason);
  }

  /** Checks the headers every response must carry to be matched to a client transaction. */
  public void validate() {
    topVia();
    from();
    to();
    if (!SipRequest.isCallId(callId().strip())) {
      throw new SipParseException("bad Call-ID", HeaderNames.CALL_ID);
    }
    cseq();
  }

  /** The reason phrase RFC 3261 §21 suggests for a status code. */
  public static String defaultReason(int status) {
    return switch (status) {
      case 100 -> "Trying";
      case 180 -> "Ringing";
      case 181 -> "Call Is Being Forwarded";
      case 182 -> "Queued";
      case 183 -> "Session Progress";
      case 200 -> "OK";
      case 202 -> "Accepted";
      case 300 -> "Multiple Choices";
      case 301 -> "Moved Permanently";
      case 302 -> "Moved Temporarily";
      case 305 -> "Use Proxy";
      case 380 -> "Alternative Service";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 402 -> "Payment Required";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 407 -> "Proxy Authentication Required";
      case 408 -> "Request Timeout";
      case 410 -> "Gone";
      case 413 -> "Request Entity Too Large";
      case 414 -> "Request-URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 416 -> "Unsupported URI Scheme";
      case 420 -> "Bad Extension";
      case 421 -> "Extension Required";
      case 423 -> "Interval Too Brief";
      case 480 -> "Temporarily Unavailable";
      case 481 -> "Call/Transaction Does Not Exist";
      case 482 -> "Loop Detected";
      case 483 -> "Too Many Hops";
      case 484 -> "Address Incomplete";
      case 485 -> "Ambiguous";
      case 486 -> "Busy Here";
      case 487 -> "Request Terminated";
      case 488 -> "Not Acceptable Here";
      case 491 -> "Request Pending";
      case 493 -> "Undecipherable";
      case 500 -> "Server Internal Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Server Time-out";
      case 505 -> "Version Not Supported";
      case 513 -> "Message Too Large";
      case 600 -> "Busy Everywhere";
      case 603 -> "Decline";
      case 604 -> "Does Not Exist Anywhere";
      case 606 -> "Not Acceptable";
      default -> "Status " + status;
    };
  }
}
