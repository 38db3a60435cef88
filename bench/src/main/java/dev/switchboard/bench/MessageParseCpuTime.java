package dev.switchboard.bench;

import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The CPU time of {@link MessageParseBench#inviteRoutingHeaders}'s work, read from the thread's own
 * CPU clock: on a shared, overloaded machine JMH's wall-clock figures mostly measure the wait for a
 * core, this one does not. A companion to the JMH benchmark, not a replacement.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.switchboard.bench.MessageParseCpuTime}
 */
public final class MessageParseCpuTime {
  private MessageParseCpuTime() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    MessageParser parser = new MessageParser();
    double[] nsPerOp = new double[rounds];
    long sink = 0;
    for (int r = 0; r < rounds; r++) {
      long t0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < perRound; i++) {
        SipRequest q = (SipRequest) parser.parseDatagram(MessageParseBench.INVITE);
        sink += q.requestUri().hashCode();
        sink += q.topVia().branch().length();
        sink += q.from().tag().length();
        sink += q.to().tag() == null ? 0 : 1;
        sink += q.callId().length();
        sink += q.cseq().number();
        sink += q.maxForwards();
      }
      nsPerOp[r] = (mx.getCurrentThreadCpuTime() - t0) / (double) perRound;
      System.out.printf("round %2d: %7.0f ns CPU/op%n", r + 1, nsPerOp[r]);
    }
    // The first third is warm-up (JIT); the median of the rest is the figure.
    double[] measured = Arrays.copyOfRange(nsPerOp, rounds / 3, rounds);
    Arrays.sort(measured);
    System.out.printf(
        "median %.0f ns CPU/op, fastest %.0f (rounds %d-%d; sink %d)%n",
        measured[measured.length / 2], measured[0], rounds / 3 + 1, rounds, sink);
  }
}
