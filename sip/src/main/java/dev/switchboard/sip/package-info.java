/**
 * RFC 3261 protocol stack: messages, SDP, transports and transactions; imports nothing of
 * Switchboard.
 */
package dev.switchboard.sip;
