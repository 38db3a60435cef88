package dev.switchboard.sip.transport;

import java.net.InetSocketAddress;

/**
 * A look at a datagram before it is even parsed: under overload the cheapest refusal is the one
 * that costs no parsing, so a flow that sends far more than its share can be dropped here.
 */
@FunctionalInterface
public interface DatagramGate {

  /** Lets everything through. */
  DatagramGate OPEN = (from, bytes) -> true;

  /** Whether the datagram from {@code from} goes on to be parsed; false drops it. */
  boolean admit(InetSocketAddress from, byte[] bytes);
}
