package dev.switchboard.store.pbx;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One instant message of a tenant's history.
 *
 * @param id the database id, 0 before it is stored
 * @param recipient the address of record it was sent to, e.g. {@code sip:1002@a.test}
 * @param sender the From URI
 * @param status {@code stored} (waiting for the recipient), {@code delivered}, {@code expired},
 *     {@code failed} or {@code relayed} (the recipient was online and the proxy passed it on)
 */
public record StoredMessage(
    long id,
    String domain,
    String recipient,
    String sender,
    String contentType,
    String body,
    Instant receivedAt,
    Instant expiresAt,
    String status,
    Instant deliveredAt) {

  public StoredMessage {
    receivedAt = micros(receivedAt);
    expiresAt = micros(expiresAt);
    deliveredAt = micros(deliveredAt);
  }

  /** This message as stored under {@code newId}. */
  public StoredMessage withId(long newId) {
    return new StoredMessage(
        newId,
        domain,
        recipient,
        sender,
        contentType,
        body,
        receivedAt,
        expiresAt,
        status,
        deliveredAt);
  }

  /**
   * This message settled as {@code newStatus} ({@code delivered}, {@code expired} …) at {@code at}.
   */
  public StoredMessage settled(String newStatus, Instant at) {
    return new StoredMessage(
        id, domain, recipient, sender, contentType, body, receivedAt, expiresAt, newStatus, at);
  }

  private static Instant micros(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }
}
