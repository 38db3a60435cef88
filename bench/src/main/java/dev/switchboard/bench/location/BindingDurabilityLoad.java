package dev.switchboard.bench.location;

import dev.switchboard.server.location.Binding;
import dev.switchboard.server.location.BindingChange;
import dev.switchboard.server.location.BindingJournal;
import dev.switchboard.server.location.BindingOutcome;
import dev.switchboard.server.location.BindingUpdate;
import dev.switchboard.server.location.IndexedLocationService;
import dev.switchboard.server.location.LocationConfig;
import dev.switchboard.server.usage.RegistrationEvent;
import dev.switchboard.server.usage.UsageSink;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.transport.Endpoint;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What durable bindings cost: the same stream of binding changes through the location service and
 * its journal, once with an fsync per group commit (the default: a 200 OK only after the disk has
 * it) and once without, with as many changes in flight as a busy registrar has. Every change adds
 * or moves a binding (a new contact each time), so none of them is a lazy refresh.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar
 * dev.switchboard.bench.location.BindingDurabilityLoad [changes] [inFlight] [aors]}
 */
public final class BindingDurabilityLoad {
  private BindingDurabilityLoad() {}

  public static void main(String[] args) throws Exception {
    int changes = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int aors = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    System.out.printf(
        Locale.ROOT,
        "%,d changes over %,d AORs, %,d in flight; %d cores, load %s%n",
        changes,
        aors,
        inFlight,
        Runtime.getRuntime().availableProcessors(),
        Files.readString(Path.of("/proc/loadavg")).trim());
    for (int round = 0; round < 2; round++) { // the first round warms the JIT
      for (boolean sync : new boolean[] {false, true}) {
        run(sync, changes, inFlight, aors, round == 1);
      }
    }
  }

  private static void run(boolean sync, int changes, int inFlight, int aors, boolean report)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("binding-load");
    LocationConfig config = new LocationConfig(20_000, 500, Duration.ofSeconds(1), sync, 64L << 20);
    long[] latency = new long[changes];
    long cpu0 = processCpuNanos();
    long t0;
    long t1;
    long batches;
    try (IndexedLocationService location =
        IndexedLocationService.open(
            BindingJournal.open(dir, sync, config.compactBytes()),
            UsageSink.NONE,
            Clock.systemUTC(),
            config)) {
      Semaphore window = new Semaphore(inFlight);
      CountDownLatch done = new CountDownLatch(changes);
      t0 = System.nanoTime();
      for (int i = 0; i < changes; i++) {
        window.acquire();
        int n = i;
        String aor = "sip:" + (i % aors) + "@load.test";
        long start = System.nanoTime();
        location
            .update(aor, replaceWith(binding(aor, i)))
            .whenComplete(
                (outcome, error) -> {
                  latency[n] = System.nanoTime() - start;
                  window.release();
                  done.countDown();
                });
      }
      if (!done.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("changes not acknowledged within 5 minutes");
      }
      t1 = System.nanoTime();
      batches = location.writer().batches();
    }
    long cpu = processCpuNanos() - cpu0;
    deleteTree(dir);
    if (!report) {
      return;
    }
    Arrays.sort(latency);
    double seconds = (t1 - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "fsync=%-5s %,9.0f changes/s  %,6d group commits  p50 %6.2f ms  p99 %6.2f ms"
            + "  CPU %.3f s per 1,000%n",
        sync,
        changes / seconds,
        batches,
        latency[changes / 2] / 1e6,
        latency[(int) (changes * 0.99)] / 1e6,
        cpu / 1e9 / changes * 1000);
  }

  private static Binding binding(String aor, int i) {
    Instant now = Instant.now();
    return new Binding(
        aor,
        Address.parse("<sip:u@10.0." + (i % 250) + ".1:" + (1024 + i % 60000) + ">"),
        1000,
        now.plusSeconds(3600),
        "reg-" + i,
        1,
        List.of(),
        Endpoint.udp(new InetSocketAddress("127.0.0.1", 1024 + i % 60000)),
        "load/1",
        now);
  }

  private static BindingUpdate replaceWith(Binding b) {
    return (current, now) ->
        new BindingOutcome.Changed(
            List.of(b), List.of(new BindingChange(RegistrationEvent.Kind.ADDED, b)));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
