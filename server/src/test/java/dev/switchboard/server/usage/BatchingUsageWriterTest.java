package dev.switchboard.server.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Queueing, batching and dropping, with a target the test controls. */
class BatchingUsageWriterTest {

  private static final UsageWriterSettings SMALL =
      new UsageWriterSettings(100, 10, Duration.ofMillis(50), Duration.ofSeconds(10));

  @Test
  void fullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    List<Integer> sizes = new ArrayList<>();
    UsageBatchTarget stuck =
        batch -> {
          entered.countDown();
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          synchronized (sizes) {
            sizes.add(batch.size());
          }
        };
    BatchingUsageWriter w = BatchingUsageWriter.start(stuck, SMALL);
    w.accept(BatchingUsageWriterContract.cdr(0));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    long started = System.nanoTime();
    for (int i = 1; i <= 1_000; i++) {
      w.accept(BatchingUsageWriterContract.cdr(i));
    }
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(elapsedMillis).as("1,000 accepts against a stuck database").isLessThan(2_000);
    UsageWriterCounters c = w.counters();
    assertThat(c.accepted()).isEqualTo(101); // the one in the stuck batch and a full queue
    assertThat(c.dropped()).isEqualTo(900);
    release.countDown();
    w.close();
    c = w.counters();
    assertThat(c.written()).isEqualTo(101);
    assertThat(c.batches()).isGreaterThanOrEqualTo(11);
    synchronized (sizes) {
      assertThat(sizes).allMatch(s -> s <= 10);
    }
  }

  @Test
  void aFailingBatchIsCountedAndTheWriterGoesOn() {
    List<Integer> written = new ArrayList<>();
    UsageBatchTarget flaky =
        batch -> {
          if (batch.stream().anyMatch(e -> ((CallDetailRecord) e).callId().equals("call-0"))) {
            throw new IllegalStateException("database down");
          }
          synchronized (written) {
            written.add(batch.size());
          }
        };
    try (BatchingUsageWriter w = BatchingUsageWriter.start(flaky, SMALL)) {
      w.accept(BatchingUsageWriterContract.cdr(0));
      await().atMost(Duration.ofSeconds(10)).until(() -> w.counters().failed() == 1);
      w.accept(BatchingUsageWriterContract.cdr(1));
      await().atMost(Duration.ofSeconds(10)).until(() -> w.counters().written() == 1);
    }
  }

  @Test
  void lowRatesShareABatchWithinTheDelay() throws Exception {
    List<Integer> sizes = new ArrayList<>();
    UsageBatchTarget target =
        batch -> {
          synchronized (sizes) {
            sizes.add(batch.size());
          }
        };
    UsageWriterSettings settings =
        new UsageWriterSettings(100, 1_000, Duration.ofMillis(500), Duration.ofSeconds(10));
    try (BatchingUsageWriter w = BatchingUsageWriter.start(target, settings)) {
      for (int i = 0; i < 5; i++) {
        w.accept(BatchingUsageWriterContract.cdr(i));
        Thread.sleep(20);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> w.counters().written() == 5);
    }
    synchronized (sizes) {
      assertThat(sizes).containsExactly(5);
    }
  }
}
