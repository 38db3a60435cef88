package dev.switchboard.bench.sigcomp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * CPU time per message, the companion of {@link SigCompBench} for shared machines: the same
 * set-ups, timed with the thread's CPU clock instead of the wall clock, so time the thread spent
 * waiting for a core does not count. Each figure is the median of 7 rounds of 2,000 operations,
 * after 10,000 operations of warm-up. Run:
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.switchboard.bench.sigcomp.SigCompCpu</pre>
 */
public final class SigCompCpu {
  private static final int WARM_UP = 10_000;
  private static final int ROUNDS = 7;
  private static final int PER_ROUND = 2_000;

  private SigCompCpu() {}

  public static void main(String[] args) {
    ThreadMXBean clock = ManagementFactory.getThreadMXBean();
    System.out.println("| message | compartment | compress µs | decompress µs |");
    System.out.println("|---|---|---|---|");
    for (String compartment : new String[] {"first", "state"}) {
      for (String message : new String[] {"register", "invite", "invite-ok", "bye"}) {
        SigCompBench b = new SigCompBench();
        b.message = message;
        b.compartment = compartment;
        b.setUp();
        for (int i = 0; i < WARM_UP; i++) {
          b.compressMessage();
          b.decompressMessage();
        }
        double[] compress = new double[ROUNDS];
        double[] decompress = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
          long t0 = clock.getCurrentThreadCpuTime();
          for (int i = 0; i < PER_ROUND; i++) {
            b.compressMessage();
          }
          long t1 = clock.getCurrentThreadCpuTime();
          for (int i = 0; i < PER_ROUND; i++) {
            b.decompressMessage();
          }
          long t2 = clock.getCurrentThreadCpuTime();
          compress[r] = (t1 - t0) / 1e3 / PER_ROUND;
          decompress[r] = (t2 - t1) / 1e3 / PER_ROUND;
        }
        System.out.printf(
            "| %s | %s | %.1f | %.1f |%n",
            message, compartment, median(compress), median(decompress));
      }
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
