package dev.switchboard.bench.media;

import dev.switchboard.media.FrameSink;
import dev.switchboard.media.mix.ConferenceMixer;
import dev.switchboard.media.tone.ToneGenerator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One 20 ms mix of a conference room of N talking participants (every input a tone, every output
 * handed to a sink): divide by N for the cost per participant.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class MixerBench {

  @Param({"3", "10", "50"})
  public int participants;

  private ConferenceMixer mixer;
  private long tick;

  @Setup
  public void setUp(Blackhole blackhole) {
    mixer = new ConferenceMixer();
    for (int i = 0; i < participants; i++) {
      short[] voice = ToneGenerator.sine(300 + 37 * i, 3000).render(20);
      FrameSink ear = blackhole::consume;
      mixer.join(() -> voice, ear);
    }
    mixer.tick(tick++);
  }

  @Benchmark
  public ConferenceMixer mixOneTick() {
    mixer.tick(tick++);
    return mixer;
  }
}
