package dev.switchboard.console.web;

import java.time.Instant;

/**
 * One signed-in browser: the secret in its cookie, whose it is, and the token it must echo in
 * {@code X-CSRF-Token} on every state-changing request.
 */
public record Session(
    String id, long userId, String csrfToken, Instant createdAt, Instant expiresAt) {

  @Override
  public String toString() {
    return "Session[user=" + userId + ", expires=" + expiresAt + "]";
  }
}
