package dev.switchboard.sip.message;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * Holds one call on hostile input to a bound on the heap bytes it allocates, counted per thread by
 * the JVM. The first run of a code path also loads (and, under Jazzer, instruments) classes on this
 * thread, so a call over the bound is run once more and only that second, warm run is judged.
 */
public final class Allocation {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Allocation() {}

  /**
   * The call's result, after checking it allocated at most {@code bound} bytes; the call must give
   * the same result (or throw the same way) when repeated, as a parse does.
   */
  public static <T> T bounded(long bound, String what, Supplier<T> call) {
    long start = THREADS.getCurrentThreadAllocatedBytes();
    try {
      return call.get();
    } finally {
      long used = THREADS.getCurrentThreadAllocatedBytes() - start;
      long first = used;
      if (used > bound) {
        long again = THREADS.getCurrentThreadAllocatedBytes();
        try {
          call.get();
        } catch (RuntimeException ignored) {
          // the first run's outcome stands; only the bytes matter here
        }
        used = THREADS.getCurrentThreadAllocatedBytes() - again;
        if (used > bound) {
          throw new AssertionError(
              what + " allocated " + used + " bytes (first run " + first + "), bound " + bound);
        }
      }
    }
  }
}
