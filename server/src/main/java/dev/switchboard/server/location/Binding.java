package dev.switchboard.server.location;

import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.transport.Endpoint;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * One registered contact of an address of record (RFC 3261 §10): where to reach it, its q-value
 * (0–1000, thousandths), expiry, the Call-ID/CSeq that last changed it, the Path (RFC 3327) and the
 * flow it registered over (for NAT: requests go back to {@code source}).
 */
public record Binding(
    String aor,
    String contactText,
    int qMillis,
    long expiresAtMillis,
    String callId,
    long cseq,
    List<Address> path,
    Endpoint source,
    String userAgent,
    long updatedAtMillis) {

  // The contact as its text and times as epoch milliseconds, not as parsed objects: a million
  // bindings fit in well under a gigabyte, and a restart reads them back without parsing each.
  public Binding {
    path = List.copyOf(path);
    userAgent = UserAgentNames.canonical(userAgent);
  }

  public Binding(
      String aor,
      Address contact,
      int qMillis,
      Instant expiresAt,
      String callId,
      long cseq,
      List<Address> path,
      Endpoint source,
      String userAgent,
      Instant updatedAt) {
    this(
        aor,
        contact.toString(),
        qMillis,
        expiresAt.toEpochMilli(),
        callId,
        cseq,
        path,
        source,
        userAgent,
        updatedAt.toEpochMilli());
  }

  /**
   * The registered contact, parsed from its text on each call (lookups are rare next to storage).
   */
  public Address contact() {
    return Address.parse(contactText);
  }

  public Instant expiresAt() {
    return Instant.ofEpochMilli(expiresAtMillis);
  }

  public Instant updatedAt() {
    return Instant.ofEpochMilli(updatedAtMillis);
  }

  public boolean expired(Instant now) {
    return expiresAtMillis <= now.toEpochMilli();
  }

  /** The source as {@code host:port} ({@code [v6]:port}), as usage records write it. */
  public String sourceAddress() {
    InetSocketAddress a = source.address();
    String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
