package dev.switchboard.store.testing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes registrar bindings straight into the table, for tests of readers that precede the
 * registrar.
 */
public final class BindingRows {

  private BindingRows() {}

  /** Inserts one UDP binding of {@code aor} (sip:user@domain) to {@code contact}. */
  public static void insert(
      Jdbi jdbi, String domain, String aor, String contact, String userAgent, Instant expiresAt) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO binding (sip_domain, aor, contact, q_millis, expires_at, call_id,"
                        + " cseq, transport, source_address, user_agent, updated_at) VALUES (:d,"
                        + " :aor, :contact, 1000, :exp, :callId, 1, 'udp', '127.0.0.1:5062', :ua,"
                        + " :now)")
                .bind("d", domain)
                .bind("aor", aor)
                .bind("contact", contact)
                .bind("exp", OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
                .bind("callId", "c-" + System.nanoTime())
                .bind("ua", userAgent)
                .bind("now", OffsetDateTime.now(ZoneOffset.UTC))
                .execute());
  }
}
