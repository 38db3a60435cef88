package dev.switchboard.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskQueueTest {

  @Test
  void taskSubmittedFromInsideATaskRunsAfterIt() {
    TaskQueue q = new TaskQueue();
    List<String> order = new ArrayList<>();
    q.execute(
        () -> {
          order.add("outer start");
          q.execute(() -> order.add("inner"));
          order.add("outer end");
        });
    assertThat(order).containsExactly("outer start", "outer end", "inner");
  }

  @Test
  void aFailingTaskDoesNotStopTheOnesAfterIt() {
    TaskQueue q = new TaskQueue();
    List<String> order = new ArrayList<>();
    q.execute(
        () -> {
          q.execute(() -> order.add("after"));
          throw new IllegalStateException("boom");
        });
    assertThat(order).containsExactly("after");
  }

  @Test
  void tasksFromManyThreadsRunOneAtATimeAndNoneIsLost() throws InterruptedException {
    TaskQueue q = new TaskQueue();
    int threads = 8;
    int perThread = 20_000;
    int[] counter = {0}; // deliberately unsynchronised: the queue must serialise
    int[] inside = {0};
    boolean[] overlap = {false};
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    q.execute(
                        () -> {
                          if (++inside[0] > 1) {
                            overlap[0] = true;
                          }
                          counter[0]++;
                          inside[0]--;
                        });
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              })
          .start();
    }
    start.countDown();
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    // The last submitter may still be draining; an empty task on this thread waits it out.
    CountDownLatch drained = new CountDownLatch(1);
    q.execute(drained::countDown);
    assertThat(drained.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(overlap[0]).isFalse();
    assertThat(counter[0]).isEqualTo(threads * perThread);
  }
}
