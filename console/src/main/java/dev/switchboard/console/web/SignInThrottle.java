package dev.switchboard.console.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts wrong passwords per e-mail and per client address; after {@code limit} within {@code
 * window}, that e-mail or address is refused for {@code lockout}, even with the right password.
 */
public final class SignInThrottle {

  private final int limit;
  private final Duration window;
  private final Duration lockout;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final Map<String, Instant> lockedUntil = new ConcurrentHashMap<>();

  public SignInThrottle(int limit, Duration window, Duration lockout, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.lockout = lockout;
    this.clock = clock;
  }

  /** Five wrong passwords in fifteen minutes lock the e-mail or address for fifteen minutes. */
  public static SignInThrottle standard(Clock clock) {
    return new SignInThrottle(5, Duration.ofMinutes(15), Duration.ofMinutes(15), clock);
  }

  /** How long until a sign-in for this e-mail from this address may be tried, if it is locked. */
  public Optional<Duration> retryAfter(String email, String address) {
    Instant now = clock.instant();
    Instant until = later(lockedUntil.get(emailKey(email)), lockedUntil.get(addressKey(address)));
    if (until == null || !now.isBefore(until)) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, until));
  }

  public void failed(String email, String address) {
    count(emailKey(email));
    count(addressKey(address));
  }

  /** A right password clears the e-mail's count (not the address's: it may be guessing others). */
  public void succeeded(String email) {
    failures.remove(emailKey(email));
  }

  private void count(String key) {
    Instant now = clock.instant();
    Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (q) {
      q.addLast(now);
      while (!q.isEmpty() && !q.peekFirst().isAfter(now.minus(window))) {
        q.removeFirst();
      }
      if (q.size() >= limit) {
        lockedUntil.put(key, now.plus(lockout));
        q.clear();
      }
    }
    // Bounded memory under a spray of random e-mails: forget keys whose lock and window passed.
    if (failures.size() > 10_000) {
      lockedUntil.values().removeIf(t -> !now.isBefore(t));
      failures.entrySet().removeIf(e -> e.getValue().isEmpty());
    }
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static String emailKey(String email) {
    return "e:" + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }
}
