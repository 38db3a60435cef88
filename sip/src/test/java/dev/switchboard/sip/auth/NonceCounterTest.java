package dev.switchboard.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

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
  final long issued = clock.millis();
  final long expires = issued + 300_000;

  @Test
  void acceptsOnlyIncreasingCounts() {
    NonceCounter c = new NonceCounter(clock, 10);
    assertThat(c.advance("n", 1, issued, expires)).isTrue();
    assertThat(c.advance("n", 1, issued, expires)).isFalse();
    assertThat(c.advance("n", 3, issued, expires)).isTrue();
    assertThat(c.advance("n", 2, issued, expires)).isFalse();
    assertThat(c.advance("m", 1, issued, expires)).isTrue();
  }

  @Test
  void countZeroIsAcceptedOncePerNonce() {
    NonceCounter c = new NonceCounter(clock, 10);
    assertThat(c.advance("n", 0, issued, expires)).isTrue();
    assertThat(c.advance("n", 0, issued, expires)).isFalse();
  }

  @Test
  void forgetsExpiredNonces() {
    NonceCounter c = new NonceCounter(clock, 10);
    c.advance("n", 1, issued, expires);
    assertThat(c.size()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(6));
    assertThat(c.advance("late", 1, issued, expires)).isFalse();
    c.advance("other", 1, clock.millis(), clock.millis() + 300_000);
    assertThat(c.size()).isEqualTo(1);
  }

  @Test
  void beyondCapacityForgetsTheOldestAndRefusesNoncesIssuedBeforeThem() {
    NonceCounter c = new NonceCounter(clock, 2);
    c.advance("a", 1, issued, expires);
    c.advance("b", 1, issued + 1, expires + 1);
    c.advance("c", 1, issued + 2, expires + 2);
    assertThat(c.size()).isEqualTo(2);
    // "a" was forgotten while still valid: a replay of it must not start a fresh count.
    assertThat(c.advance("a", 1, issued, expires)).isFalse();
    assertThat(c.advance("d", 1, issued + 3, expires + 3)).isTrue();
  }

  @Test
  void concurrentUsesOfOneCountSucceedOnce() throws Exception {
    NonceCounter c = new NonceCounter(clock, 1000);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 50; round++) {
        String nonce = "n" + round;
        AtomicInteger wins = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          fs.add(
              pool.submit(
                  () -> {
                    if (c.advance(nonce, 1, issued, expires)) {
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
