package dev.switchboard.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimerConfigTest {

  @Test
  void defaultsAreTheValuesOfRfc3261Table4AndRfc6026() {
    TimerConfig c = TimerConfig.DEFAULT;
    assertThat(c.t1()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.t2()).isEqualTo(Duration.ofSeconds(4));
    assertThat(c.t4()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.timerB()).isEqualTo(Duration.ofSeconds(32));
    assertThat(c.timerF()).isEqualTo(Duration.ofSeconds(32));
    assertThat(c.timerH()).isEqualTo(Duration.ofSeconds(32));
    assertThat(c.timerJ()).isEqualTo(Duration.ofSeconds(32));
    assertThat(c.timerL()).isEqualTo(Duration.ofSeconds(32));
    assertThat(c.timerM()).isEqualTo(Duration.ofSeconds(32));
    assertThat(c.timerD()).isEqualTo(Duration.ofSeconds(32));
    assertThat(c.timerI()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.timerK()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.autoTrying()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void waitTimersAreZeroOverReliableTransports() {
    TimerConfig c = TimerConfig.DEFAULT;
    assertThat(c.timerD(true)).isZero();
    assertThat(c.timerI(true)).isZero();
    assertThat(c.timerJ(true)).isZero();
    assertThat(c.timerK(true)).isZero();
    assertThat(c.timerD(false)).isEqualTo(Duration.ofSeconds(32));
    assertThat(c.timerJ(false)).isEqualTo(Duration.ofSeconds(32));
  }

  @Test
  void derivedTimersFollowT1() {
    TimerConfig c =
        TimerConfig.of(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(c.timerB()).isEqualTo(Duration.ofMillis(6400));
    assertThat(c.timerK()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.withAutoTrying(null).autoTrying()).isNull();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(
            () -> TimerConfig.of(Duration.ZERO, Duration.ofSeconds(4), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TimerConfig.DEFAULT.withAutoTrying(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
