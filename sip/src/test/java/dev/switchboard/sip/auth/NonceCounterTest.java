package dev.switchboard.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NonceCounterTest {
  final MutableClock clock = new MutableClock(1_000_000);
  final long expires = clock.millis() + 300_000;

  @Test
  void acceptsOnlyIncreasingCounts() {
    NonceCounter c = new NonceCounter(clock, 16);
    assertThat(c.advance(1, 1, expires)).isTrue();
    assertThat(c.advance(1, 1, expires)).isFalse();
    assertThat(c.advance(1, 3, expires)).isTrue();
    assertThat(c.advance(1, 2, expires)).isFalse();
    assertThat(c.advance(2, 1, expires)).isTrue();
  }

  @Test
  void countZeroIsAcceptedOncePerNonce() {
    NonceCounter c = new NonceCounter(clock, 16);
    assertThat(c.advance(7, 0, expires)).isTrue();
    assertThat(c.advance(7, 0, expires)).isFalse();
  }

  @Test
  void refusesExpiredNonces() {
    NonceCounter c = new NonceCounter(clock, 16);
    clock.advance(Duration.ofMinutes(6));
    assertThat(c.advance(1, 1, expires)).isFalse();
  }

  @Test
  void aNonceWhoseSlotANewerOneTookIsRefusedSoItsReplayCannotStartAFreshCount() {
    NonceCounter c = new NonceCounter(clock, 2);
    assertThat(c.advance(1, 1, expires)).isTrue();
    assertThat(c.advance(3, 1, expires)).isTrue(); // same slot as 1 in a ring of two
    assertThat(c.advance(1, 2, expires)).isFalse();
    assertThat(c.advance(2, 1, expires)).isTrue(); // the other slot is untouched
    // A nonce first used after a newer one took its slot is refused too.
    assertThat(c.advance(5, 1, expires)).isTrue();
    assertThat(c.advance(3, 9, expires)).isFalse();
  }

  @Test
  void aBurntNonceIsRefusedWhateverItsCount() {
    NonceCounter c = new NonceCounter(clock, 16);
    c.burn(4, expires);
    assertThat(c.advance(4, 1, expires)).isFalse();
    assertThat(c.advance(4, Long.MAX_VALUE - 1, expires)).isFalse();
    c.advance(5, 1, expires);
    c.burn(5, expires);
    assertThat(c.advance(5, 2, expires)).isFalse();
  }

  @Test
  void theRingHasAFixedPowerOfTwoSizeAndRefusesNonsense() {
    assertThat(new NonceCounter(clock, 1000).size()).isEqualTo(1024);
    assertThat(new NonceCounter(clock, 1024).size()).isEqualTo(1024);
    assertThatThrownBy(() -> new NonceCounter(clock, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new NonceCounter(clock, 4).advance(0, 1, expires)).isFalse();
  }

  @Test
  void concurrentUsesOfOneCountSucceedOnce() throws Exception {
    NonceCounter c = new NonceCounter(clock, 1024);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 1; round <= 50; round++) {
        long serial = round;
        AtomicInteger wins = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          fs.add(
              pool.submit(
                  () -> {
                    if (c.advance(serial, 1, expires)) {
                      wins.incrementAndGet();
                    }
                  }));
        }
        for (Future<?> f : fs) {
          f.get();
        }
        assertThat(wins).hasValue(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
