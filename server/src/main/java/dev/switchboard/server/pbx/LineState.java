package dev.switchboard.server.pbx;

/**
 * One call of an extension right now, as the proxy sees it: its address of record, the RFC 4235
 * state (trying, early, confirmed) and whether the extension placed the call.
 */
public record LineState(String aor, String state, boolean initiator) {}
