package dev.switchboard.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
  private final VirtualClock clock = new VirtualClock();
  private final List<String> fired = new ArrayList<>();

  private Runnable record(String name) {
    return () -> fired.add(name + "@" + clock.now().toMillis());
  }

  @Test
  void advanceFiresDueTasksInTimeOrderAtTheirOwnTime() {
    clock.schedule(Duration.ofMillis(300), record("c"));
    clock.schedule(Duration.ofMillis(100), record("a"));
    clock.schedule(Duration.ofMillis(200), record("b"));
    clock.schedule(Duration.ofMillis(500), record("late"));

    clock.advance(Duration.ofMillis(300));

    assertThat(fired).containsExactly("a@100", "b@200", "c@300");
    assertThat(clock.now()).isEqualTo(Duration.ofMillis(300));
    assertThat(clock.pending()).isEqualTo(1);
  }

  @Test
  void tiesFireInSchedulingOrder() {
    clock.schedule(Duration.ofMillis(100), record("first"));
    clock.schedule(Duration.ofMillis(100), record("second"));
    clock.advance(Duration.ofMillis(100));
    assertThat(fired).containsExactly("first@100", "second@100");
  }

  @Test
  void tasksScheduledByTasksFireWithinTheSameAdvance() {
    clock.schedule(
        Duration.ofMillis(100),
        () -> {
          record("outer").run();
          clock.schedule(Duration.ofMillis(50), record("inner"));
        });
    clock.advance(Duration.ofSeconds(1));
    assertThat(fired).containsExactly("outer@100", "inner@150");
    assertThat(clock.now()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void cancelledTaskNeverFires() {
    TimerService.Scheduled s = clock.schedule(Duration.ofMillis(100), record("x"));
    s.cancel();
    clock.advance(Duration.ofSeconds(1));
    assertThat(fired).isEmpty();
    assertThat(clock.pending()).isZero();
  }
}
