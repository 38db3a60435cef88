package dev.switchboard.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sip.auth.NonceFactory.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class NonceFactoryTest {
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  final MutableClock clock = new MutableClock(1_700_000_000_000L);
  final NonceFactory nonces = new NonceFactory(clock, SECRET, Duration.ofMinutes(5));

  @Test
  void aFreshNonceIsValidUntilItsLifetimeEnds() {
    String n = nonces.issue("example.com");
    assertThat(n).hasSize(NonceFactory.NONCE_CHARS).matches("[A-Za-z0-9_-]+");
    assertThat(nonces.check(n, "example.com").status()).isEqualTo(Status.VALID);
    assertThat(nonces.check(n, "example.com").expiresAtMillis())
        .isEqualTo(clock.millis() + 300_000);
    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(nonces.check(n, "example.com").status()).isEqualTo(Status.VALID);
    clock.advance(Duration.ofMillis(1));
    assertThat(nonces.check(n, "example.com").status()).isEqualTo(Status.EXPIRED);
  }

  @Test
  void noncesDiffer() {
    assertThat(nonces.issue("r")).isNotEqualTo(nonces.issue("r"));
  }

  @Test
  void serialsNumberNoncesInIssueOrderAndStartPastAnEarlierRunOfTheSameClock() {
    long first = nonces.check(nonces.issue("r"), "r").serial();
    long second = nonces.check(nonces.issue("r"), "r").serial();
    assertThat(second).isEqualTo(first + 1);
    clock.advance(Duration.ofMillis(1));
    NonceFactory restarted = new NonceFactory(clock, SECRET, Duration.ofMinutes(5));
    assertThat(restarted.check(restarted.issue("r"), "r").serial()).isGreaterThan(second);
  }

  @Test
  void aNonceForAnotherRealmIsInvalid() {
    assertThat(nonces.check(nonces.issue("a.example"), "b.example").status())
        .isEqualTo(Status.INVALID);
  }

  @Test
  void everyAlteredByteIsNoticed() {
    String n = nonces.issue("r");
    byte[] raw = Base64.getUrlDecoder().decode(n);
    for (int i = 0; i < raw.length; i++) {
      byte[] forged = raw.clone();
      forged[i] ^= 1;
      String f = Base64.getUrlEncoder().withoutPadding().encodeToString(forged);
      assertThat(nonces.check(f, "r").status()).as("byte %d", i).isEqualTo(Status.INVALID);
    }
  }

  @Test
  void anotherSecretsNoncesAreInvalid() {
    byte[] other = SECRET.clone();
    other[0] ^= 1;
    String n = new NonceFactory(clock, other, Duration.ofMinutes(5)).issue("r");
    assertThat(nonces.check(n, "r").status()).isEqualTo(Status.INVALID);
  }

  @Test
  void garbageIsInvalid() {
    assertThat(nonces.check(null, "r").status()).isEqualTo(Status.INVALID);
    assertThat(nonces.check("", "r").status()).isEqualTo(Status.INVALID);
    assertThat(nonces.check("!".repeat(NonceFactory.NONCE_CHARS), "r").status())
        .isEqualTo(Status.INVALID);
    assertThat(nonces.check(nonces.issue("r") + "A", "r").status()).isEqualTo(Status.INVALID);
  }

  @Test
  void aNonceFromFarInTheFutureIsInvalid() {
    MutableClock later = new MutableClock(clock.millis() + Duration.ofHours(1).toMillis());
    String n = new NonceFactory(later, SECRET, Duration.ofMinutes(5)).issue("r");
    assertThat(nonces.check(n, "r").status()).isEqualTo(Status.INVALID);
  }

  @Test
  void refusesWeakSecretsAndEmptyLifetimes() {
    assertThatThrownBy(() -> new NonceFactory(clock, new byte[8], Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NonceFactory(clock, SECRET, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
