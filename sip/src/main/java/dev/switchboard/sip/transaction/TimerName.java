package dev.switchboard.sip.transaction;

/** The timers of RFC 3261 Table 4 and RFC 6026, plus the server's automatic 100 Trying. */
enum TimerName {
  A,
  B,
  D,
  E,
  F,
  G,
  H,
  I,
  J,
  K,
  L,
  M,
  TRYING
}
