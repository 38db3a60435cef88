package dev.switchboard.console.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions held in memory with a sliding idle expiry and an absolute cap; a restart signs everyone
 * out, which is acceptable for staff and keeps secrets out of the database.
 */
public final class SessionStore {

  public static final Duration IDLE = Duration.ofMinutes(30);
  public static final Duration ABSOLUTE = Duration.ofHours(12);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  public SessionStore(Clock clock) {
    this.clock = clock;
  }

  /** A new session for {@code userId}, with fresh random id and CSRF token. */
  public Session open(long userId) {
    sweep();
    Instant now = clock.instant();
    Session s = new Session(secret(), userId, secret(), now, now.plus(IDLE));
    sessions.put(s.id(), s);
    return s;
  }

  /** The live session with this id, its expiry pushed forward; empty when unknown or expired. */
  public Optional<Session> touch(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Session s =
        sessions.computeIfPresent(
            id,
            (k, old) -> {
              if (!now.isBefore(old.expiresAt())) {
                return null;
              }
              Instant next = min(now.plus(IDLE), old.createdAt().plus(ABSOLUTE));
              return new Session(old.id(), old.userId(), old.csrfToken(), old.createdAt(), next);
            });
    return Optional.ofNullable(s);
  }

  public void close(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Ends every session of {@code userId}: after a password change, disabling or removal. */
  public void closeAll(long userId) {
    sessions.values().removeIf(s -> s.userId() == userId);
  }

  /** Ends every session of {@code userId} but {@code keep}: the one that changed the password. */
  public void closeAllExcept(long userId, String keep) {
    sessions.values().removeIf(s -> s.userId() == userId && !s.id().equals(keep));
  }

  public int size() {
    return sessions.size();
  }

  private void sweep() {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static String secret() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
