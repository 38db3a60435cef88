package dev.switchboard.server.sip;

import dev.switchboard.sip.transaction.TimerConfig;
import dev.switchboard.sip.transport.TransportConfig;

/** How the SIP service listens and times its transactions. */
public record SipServiceConfig(TransportConfig transport, TimerConfig timers, String serverName) {

  /** UDP and TCP on {@code bind}:{@code port} (0 picks an ephemeral port), RFC 3261 timers. */
  public static SipServiceConfig listen(String bind, int port) {
    return new SipServiceConfig(
        TransportConfig.listen(bind, port), TimerConfig.DEFAULT, "Switchboard");
  }
}
