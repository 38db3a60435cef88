package dev.switchboard.sip.transport;

import java.net.InetSocketAddress;

/**
 * Serialised bytes on their way out, with the datagram destination; connections ignore {@code to}
 * since the channel already names the peer.
 */
record Outgoing(byte[] bytes, InetSocketAddress to) {}
