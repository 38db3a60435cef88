package dev.switchboard.media.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.media.Narrowband;
import dev.switchboard.media.wav.WavEncoding;
import dev.switchboard.media.wav.WavReader;
import dev.switchboard.media.wav.WavWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TickCounterTest {

  private static final long T = Narrowband.FRAME_NANOS;

  @Test
  void countsTheTicksBetweenCalls() {
    TickCounter ticks = new TickCounter();
    long start = 123_456_789L;
    assertThat(ticks.advance(start)).isZero();
    assertThat(ticks.advance(start + T)).isZero();
    assertThat(ticks.advance(start + 2 * T)).isZero();
    assertThat(ticks.advance(start + 6 * T)).isEqualTo(3);
    assertThat(ticks.advance(start + 7 * T + T / 3)).isZero(); // a little off the grid
    assertThat(ticks.advance(start + 7 * T)).isZero(); // never negative
  }

  @Test
  void aRecordingKeepsTimeThroughDroppedTicks(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rec.wav");
    short[] frame = new short[160];
    try (WavWriter writer = WavWriter.create(file, WavEncoding.PCM)) {
      writer.accept(frame, 0);
      writer.accept(frame, T);
      writer.accept(frame, 10 * T); // the clock dropped 8 ticks
    }
    assertThat(WavReader.read(file).samples()).hasSize(11 * 160);
  }
}
