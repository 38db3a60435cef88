package dev.switchboard.sip.transport;

import java.util.Locale;

/** The transports SIP runs over, as named in Via and in the {@code transport} URI parameter. */
public enum TransportKind {
  UDP(false, false),
  TCP(true, false),
  TLS(true, true),
  WS(true, false),
  WSS(true, true);

  private final boolean reliable;
  private final boolean secure;

  TransportKind(boolean reliable, boolean secure) {
    this.reliable = reliable;
    this.secure = secure;
  }

  /** Reliable transports retransmit for us, so timers A, E and G do not run (RFC 3261 §17). */
  public boolean reliable() {
    return reliable;
  }

  public boolean secure() {
    return secure;
  }

  /** The name in a Via header: UDP, TCP, TLS, WS, WSS. */
  public String viaName() {
    return name();
  }

  public int defaultPort() {
    return secure ? 5061 : 5060;
  }

  /** The kind named by a Via transport or URI transport parameter; null when unknown. */
  public static TransportKind fromName(String name) {
    if (name == null) {
      return null;
    }
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "UDP" -> UDP;
      case "TCP" -> TCP;
      case "TLS" -> TLS;
      case "WS" -> WS;
      case "WSS" -> WSS;
      default -> null;
    };
  }
}
