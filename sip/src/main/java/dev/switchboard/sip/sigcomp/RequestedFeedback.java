package dev.switchboard.sip.sigcomp;

/**
 * Requested feedback data (RFC 3320 Figure 12) a peer's bytecode hands over: the Q, S and I flags
 * and, when Q is set, the item to echo back verbatim in our next message's header.
 *
 * @param item the requested feedback item as it goes on the wire (1 byte, or a length byte and up
 *     to 127 bytes); null when Q is clear
 * @param noStateWanted the S-bit: the peer will neither save nor access state here
 * @param noLocalStatesWanted the I-bit: the peer will not use our locally available states
 */
record RequestedFeedback(byte[] item, boolean noStateWanted, boolean noLocalStatesWanted) {}
