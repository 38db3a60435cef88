package dev.switchboard.console;

import java.util.List;

/**
 * Who of a tenant is on the phone right now: the PBX's own dialog state (the one busy lamps get),
 * read from the running node; {@link #NONE} on a node without SIP.
 */
public interface LiveLines {

  /** No SIP on this node: nobody is on the phone. */
  LiveLines NONE = domain -> List.of();

  /**
   * One call of an extension now.
   *
   * @param aor the extension's address of record, {@code sip:1002@a.test}
   * @param state the RFC 4235 state: {@code trying}, {@code early} (ringing) or {@code confirmed}
   * @param direction {@code outgoing} when the extension placed the call, else {@code incoming}
   */
  record Line(String aor, String state, String direction) {}

  /** The calls of {@code domain}'s extensions now, by address of record. */
  List<Line> now(String domain);
}
