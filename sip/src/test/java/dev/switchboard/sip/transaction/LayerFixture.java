package dev.switchboard.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

/** A transaction layer on a virtual clock and a recording transport, with a recording TU. */
abstract class LayerFixture {
  final VirtualClock clock = new VirtualClock();
  final RecordingTransport transport = new RecordingTransport(clock);
  final RecordingUser user = new RecordingUser();
  final RecordingListener listener = new RecordingListener(clock);
  TransactionLayer layer = newLayer(TimerConfig.DEFAULT);

  TransactionLayer newLayer(TimerConfig config) {
    TransactionLayer l = new TransactionLayer(transport, clock, config);
    l.setUser(user);
    return l;
  }

  void advance(double seconds) {
    clock.advance(Duration.ofMillis(Math.round(seconds * 1000)));
  }

  void at(double seconds) {
    clock.advanceTo(Duration.ofMillis(Math.round(seconds * 1000)));
  }

  static IOException reset() {
    return new IOException("connection reset");
  }

  /** Runs every timer out and checks that nothing is left behind. */
  void assertDrains() {
    advance(600);
    assertThat(layer.size()).isZero();
    assertThat(layer.echoing()).isZero();
    assertThat(clock.pending()).isZero();
    assertThat(layer.counters().terminated()).isEqualTo(layer.counters().created());
  }
}
