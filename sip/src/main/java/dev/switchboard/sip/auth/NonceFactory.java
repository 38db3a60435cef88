package dev.switchboard.sip.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks stateless nonces: base64url(timestamp ‖ serial ‖ random ‖ HMAC-SHA256(secret,
 * timestamp ‖ serial ‖ random ‖ realm)), so any node sharing the secret can verify them and none
 * must remember them. The serial numbers this factory's nonces in issue order, which lets {@link
 * NonceCounter} keep their counts in a fixed ring instead of a map entry per nonce.
 */
public final class NonceFactory {
  private static final int TIME_BYTES = 8;
  private static final int SERIAL_BYTES = 8;
  private static final int RANDOM_BYTES = 4;
  // HMAC-SHA256 truncated to 128 bits (RFC 2104 §5 allows half): keeps challenges short.
  private static final int TAG_BYTES = 16;
  private static final int SIGNED_BYTES = TIME_BYTES + SERIAL_BYTES + RANDOM_BYTES;
  private static final int NONCE_BYTES = SIGNED_BYTES + TAG_BYTES;

  /** Characters in every nonce we issue. */
  public static final int NONCE_CHARS = (NONCE_BYTES * 4 + 2) / 3;

  /** Whether a nonce is ours and fresh. */
  public enum Status {
    /** Ours, for this realm, within its lifetime. */
    VALID,
    /** Ours and for this realm, but older than the lifetime: answer with stale=true. */
    EXPIRED,
    /** Not ours, altered, or issued for another realm. */
    INVALID
  }

  /** The outcome of {@link #check}; the times and serial are 0 for an invalid nonce. */
  public record Check(Status status, long issuedAtMillis, long expiresAtMillis, long serial) {
    static final Check INVALID = new Check(Status.INVALID, 0, 0, 0);
  }

  private final Clock clock;
  private final long lifetimeMillis;
  // Starts past every serial an earlier run of this process can have issued (65,536 a millisecond).
  private final AtomicLong serials;
  // A DRBG per thread: the default NativePRNG reads /dev/urandom under one global lock per call.
  // Drawn 1 KiB at a time: one DRBG call per nonce was 2 % of a REGISTER's CPU.
  private final ThreadLocal<RandomBytes> random = ThreadLocal.withInitial(RandomBytes::new);
  // Mac is not thread-safe; one per thread avoids both locking and a provider lookup per nonce.
  private final ThreadLocal<Mac> mac;

  public NonceFactory(Clock clock, byte[] serverSecret, Duration lifetime) {
    this.clock = Objects.requireNonNull(clock);
    if (serverSecret == null || serverSecret.length < 16) {
      throw new IllegalArgumentException("server secret must have at least 16 bytes");
    }
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("nonce lifetime must be positive");
    }
    this.lifetimeMillis = lifetime.toMillis();
    this.serials = new AtomicLong(clock.millis() << 16);
    SecretKeySpec key = new SecretKeySpec(serverSecret.clone(), "HmacSHA256");
    this.mac = ThreadLocal.withInitial(() -> newMac(key));
    newMac(key); // fail now, not on the first request, if the platform lacks HmacSHA256
  }

  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  /** One thread's supply of random bytes from its own DRBG, refilled a block at a time. */
  private static final class RandomBytes {
    private final SecureRandom source = newRandom();
    private final byte[] block = new byte[1024];
    private int next = block.length;

    int nextInt() {
      if (next + 4 > block.length) {
        source.nextBytes(block);
        next = 0;
      }
      int v =
          (block[next] & 0xff) << 24
              | (block[next + 1] & 0xff) << 16
              | (block[next + 2] & 0xff) << 8
              | (block[next + 3] & 0xff);
      next += 4;
      return v;
    }
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return m;
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("unusable server secret", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }

  /** How long a nonce stays valid. */
  public Duration lifetime() {
    return Duration.ofMillis(lifetimeMillis);
  }

  /** A fresh nonce for a realm. */
  public String issue(String realm) {
    byte[] raw = new byte[NONCE_BYTES];
    ByteBuffer b = ByteBuffer.wrap(raw);
    b.putLong(clock.millis());
    b.putLong(serials.incrementAndGet());
    b.putInt(random.get().nextInt());
    byte[] tag = tag(raw, realm);
    System.arraycopy(tag, 0, raw, SIGNED_BYTES, TAG_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** Checks that a nonce is ours, was issued for this realm, and is still fresh. */
  public Check check(String nonce, String realm) {
    if (nonce == null || nonce.length() != NONCE_CHARS) {
      return Check.INVALID;
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(nonce);
    } catch (IllegalArgumentException e) {
      return Check.INVALID;
    }
    if (raw.length != NONCE_BYTES) {
      return Check.INVALID;
    }
    byte[] expected = tag(raw, realm);
    byte[] given = Arrays.copyOfRange(raw, SIGNED_BYTES, NONCE_BYTES);
    if (!MessageDigest.isEqual(expected, given)) {
      return Check.INVALID;
    }
    ByteBuffer b = ByteBuffer.wrap(raw);
    long issued = b.getLong();
    long serial = b.getLong();
    long expires = issued + lifetimeMillis;
    long now = clock.millis();
    if (issued > now + lifetimeMillis) {
      // Authentic but from the future: our clock went back a long way; make the client start over.
      return Check.INVALID;
    }
    return new Check(now >= expires ? Status.EXPIRED : Status.VALID, issued, expires, serial);
  }

  private byte[] tag(byte[] raw, String realm) {
    Mac m = mac.get();
    m.update(raw, 0, SIGNED_BYTES);
    m.update(realm.getBytes(StandardCharsets.UTF_8));
    return Arrays.copyOf(m.doFinal(), TAG_BYTES);
  }
}
