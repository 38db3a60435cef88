package dev.switchboard.console.marketing;

import dev.switchboard.store.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Spam protection for the public trial form: a signed form token that must be at least {@link
 * #MIN_FILL} old (bots submit at once) and at most a day, a honeypot field people never see, and at
 * most {@link #PER_IP} sign-ups per address in {@link #WINDOW}.
 */
final class TrialGuard {

  static final Duration MIN_FILL = Duration.ofSeconds(3);
  static final Duration MAX_AGE = Duration.ofDays(1);
  static final int PER_IP = 5;
  static final Duration WINDOW = Duration.ofMinutes(10);
  private static final int MAX_TRACKED = 10_000;

  /** Thrown when an address has used up its sign-ups; the route answers 429. */
  static final class TooManyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyException() {
      super("too many sign-ups from this address; try again later");
    }
  }

  private final Clock clock;
  private final byte[] key = new byte[32];
  private final Map<String, Deque<Instant>> recent =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
          return size() > MAX_TRACKED;
        }
      };

  TrialGuard(Clock clock) {
    this.clock = clock;
    new SecureRandom().nextBytes(key);
  }

  /** A fresh form token: the time it was issued and its signature. */
  String token() {
    String issued = Long.toString(clock.millis());
    return issued + "." + sign(issued);
  }

  /** Checks the token and the honeypot; a 400 naming the field when either gives a bot away. */
  void check(String token, String honeypot) {
    if (honeypot != null && !honeypot.isEmpty()) {
      throw new InvalidValueException("website", "the form was filled in by a robot");
    }
    if (token == null || token.indexOf('.') < 0) {
      throw new InvalidValueException("token", "token is missing: reload the form");
    }
    String issued = token.substring(0, token.indexOf('.'));
    String sig = token.substring(token.indexOf('.') + 1);
    if (!MessageDigest.isEqual(
        sign(issued).getBytes(StandardCharsets.US_ASCII),
        sig.getBytes(StandardCharsets.US_ASCII))) {
      throw new InvalidValueException("token", "token is not valid: reload the form");
    }
    long age;
    try {
      age = clock.millis() - Long.parseLong(issued);
    } catch (NumberFormatException e) {
      throw new InvalidValueException("token", "token is not valid: reload the form");
    }
    if (age < MIN_FILL.toMillis()) {
      throw new InvalidValueException("token", "the form was sent too quickly");
    }
    if (age > MAX_AGE.toMillis()) {
      throw new InvalidValueException("token", "the form has expired: reload it");
    }
  }

  /** Counts one sign-up from {@code ip}, or refuses it when the address used up its allowance. */
  synchronized void admit(String ip) {
    Instant now = clock.instant();
    Deque<Instant> times = recent.computeIfAbsent(ip, k -> new ArrayDeque<>());
    while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
      times.pollFirst();
    }
    if (times.size() >= PER_IP) {
      throw new TooManyException();
    }
    times.addLast(now);
  }

  private String sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
