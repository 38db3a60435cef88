package dev.switchboard.sip.sigcomp;

import java.util.List;

/**
 * Returned SigComp parameters (RFC 3320 Figure 13) a peer's bytecode announces: its cpb, DMS and
 * SMS byte, its version byte (either 0 when not announced) and the partial identifiers of states it
 * holds that we may use.
 */
record ReturnedParameters(int parametersByte, int versionByte, List<byte[]> partialIds) {}
