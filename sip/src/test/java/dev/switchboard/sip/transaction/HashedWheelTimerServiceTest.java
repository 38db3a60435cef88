package dev.switchboard.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HashedWheelTimerServiceTest {

  @Test
  void runsScheduledTasksAndSkipsCancelledOnes() throws InterruptedException {
    try (HashedWheelTimerService timers = new HashedWheelTimerService(Duration.ofMillis(5))) {
      AtomicBoolean cancelledRan = new AtomicBoolean();
      TimerService.Scheduled cancelled =
          timers.schedule(Duration.ofMillis(200), () -> cancelledRan.set(true));
      cancelled.cancel();
      CountDownLatch ran = new CountDownLatch(1);
      // Scheduled later than the cancelled one, so by the time it runs the other would have too.
      timers.schedule(Duration.ofMillis(400), ran::countDown);

      assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(cancelledRan).isFalse();
    }
  }
}
