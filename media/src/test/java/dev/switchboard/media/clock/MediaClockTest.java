package dev.switchboard.media.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MediaClockTest {

  @Test
  void runsManyTasksOnOneThreadOnDeadlines20MsApart() {
    try (MediaClock clock = MediaClock.start("test-clock", 1)) {
      int tasks = 300;
      AtomicInteger[] counts = new AtomicInteger[tasks];
      List<Long> deadlines = new ArrayList<>();
      List<String> threads = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        AtomicInteger count = counts[i] = new AtomicInteger();
        boolean first = i == 0;
        clock.schedule(
            t -> {
              count.incrementAndGet();
              if (first) {
                synchronized (deadlines) {
                  deadlines.add(t);
                  threads.add(Thread.currentThread().getName());
                }
              }
            });
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> counts[tasks - 1].get() >= 10);
      synchronized (deadlines) {
        // deadlines lie on one 20 ms grid (a thread that fell far behind skips whole ticks)
        for (int i = 1; i < deadlines.size(); i++) {
          long step = deadlines.get(i) - deadlines.get(i - 1);
          assertThat(step).isPositive();
          assertThat(step % 20_000_000L).isZero();
        }
        assertThat(threads).containsOnly("test-clock-0");
      }
      assertThat(clock.stats().tasks()).isEqualTo(tasks);
    }
  }

  @Test
  void cancelledAndFailingTasksStop() {
    try (MediaClock clock = MediaClock.start("test-clock", 2)) {
      AtomicInteger cancelled = new AtomicInteger();
      AtomicInteger failing = new AtomicInteger();
      AtomicInteger healthy = new AtomicInteger();
      MediaClock.Registration r = clock.schedule(t -> cancelled.incrementAndGet());
      MediaClock.Registration bad =
          clock.schedule(
              t -> {
                failing.incrementAndGet();
                throw new IllegalStateException("broken task");
              });
      clock.schedule(t -> healthy.incrementAndGet());
      await().atMost(Duration.ofSeconds(10)).until(() -> cancelled.get() >= 2);
      r.cancel();
      int at = cancelled.get();
      await().atMost(Duration.ofSeconds(10)).until(() -> healthy.get() >= 10);
      assertThat(cancelled.get()).isLessThanOrEqualTo(at + 1); // at most a tick in progress
      assertThat(failing.get()).isEqualTo(1);
      assertThat(bad.isCancelled()).isTrue();
      assertThat(clock.stats().failedTasks()).isEqualTo(1);
      assertThat(clock.stats().tasks()).isEqualTo(1);
    }
  }
}
