/**
 * Locating the SIP servers of a foreign domain by DNS (RFC 3263): NAPTR, then SRV (ordered as RFC
 * 2782 says), then A/AAAA, asked asynchronously of a bounded-timeout resolver and cached by TTL.
 */
package dev.switchboard.server.dns;
