package dev.switchboard.sip.transaction;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link TimerService} on Netty's hashed wheel: cheap timers at a coarse tick, one thread. */
public final class HashedWheelTimerService implements TimerService, AutoCloseable {
  /** SIP timers are hundreds of milliseconds and up, so a 10 ms tick is precise enough. */
  public static final Duration DEFAULT_TICK = Duration.ofMillis(10);

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final HashedWheelTimer wheel;

  public HashedWheelTimerService() {
    this(DEFAULT_TICK);
  }

  public HashedWheelTimerService(Duration tick) {
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, "sip-timers-" + THREADS.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    wheel = new HashedWheelTimer(threads, tick.toNanos(), TimeUnit.NANOSECONDS, 512);
  }

  @Override
  public Scheduled schedule(Duration delay, Runnable task) {
    Timeout timeout = wheel.newTimeout(t -> task.run(), delay.toNanos(), TimeUnit.NANOSECONDS);
    return timeout::cancel;
  }

  /** Stops the wheel; pending tasks are dropped. */
  @Override
  public void close() {
    wheel.stop();
  }
}
