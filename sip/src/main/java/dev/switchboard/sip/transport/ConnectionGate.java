package dev.switchboard.sip.transport;

import java.net.InetSocketAddress;

/**
 * A look at the source of each connection a peer opens to us, before any byte is read or a TLS
 * handshake spent on it: false closes the connection at once (a blocked sender).
 */
@FunctionalInterface
public interface ConnectionGate {
  ConnectionGate OPEN = from -> true;

  boolean admit(InetSocketAddress from);
}
