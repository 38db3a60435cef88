package dev.switchboard.bench.location;

import dev.switchboard.server.location.Binding;
import dev.switchboard.server.location.BindingChange;
import dev.switchboard.server.location.BindingJournal;
import dev.switchboard.server.location.BindingOutcome;
import dev.switchboard.server.location.IndexedLocationService;
import dev.switchboard.server.location.LocationConfig;
import dev.switchboard.server.usage.RegistrationEvent;
import dev.switchboard.server.usage.UsageSink;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.transport.Endpoint;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Heap per binding and restart time: registers N phones (one binding each, contacts and flows as
 * phones behind NAT send them) through the location service and its journal, reads the heap after a
 * full GC, then closes and reopens the journal and times the load until it can route.
 *
 * <p>{@code java -Xmx1g -cp bench/target/benchmarks.jar
 * dev.switchboard.bench.location.BindingMemory [bindings] [dir]}
 */
public final class BindingMemory {
  private BindingMemory() {}

  private static final String[] AGENTS = {
    "Yealink SIP-T46U 108.86.0.20", "Grandstream GXP2170 1.0.11.23", "baresip v1.0.0 (x86_64/linux)"
  };

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("binding-memory");
    LocationConfig config = new LocationConfig(20_000, 500, Duration.ofSeconds(1), true, 64L << 20);
    System.out.printf(
        Locale.ROOT,
        "max heap %,d MiB; %d cores, load %s%n",
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors(),
        Files.readString(Path.of("/proc/loadavg")).trim());
    long base = usedAfterGc();
    long t0 = System.nanoTime();
    try (IndexedLocationService location =
        IndexedLocationService.open(
            BindingJournal.open(dir, true, config.compactBytes()),
            UsageSink.NONE,
            Clock.systemUTC(),
            config)) {
      Semaphore window = new Semaphore(5_000);
      for (int i = 0; i < n; i++) {
        window.acquire();
        Binding b = phone(i);
        location
            .update(
                b.aor(),
                (current, at) ->
                    new BindingOutcome.Changed(
                        List.of(b), List.of(new BindingChange(RegistrationEvent.Kind.ADDED, b))))
            .whenComplete((x, e) -> window.release());
      }
      window.acquire(5_000);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long used = usedAfterGc() - base;
      System.out.printf(
          Locale.ROOT,
          "%,d bindings registered in %.1f s; heap after GC +%,d MiB (%.0f bytes per binding,"
              + " %,d MiB per 100,000)%n",
          n,
          seconds,
          used >> 20,
          (double) used / n,
          (used * 100_000L / n) >> 20);
    }
    long t1 = System.nanoTime();
    long cpu1 = processCpuNanos();
    try (IndexedLocationService location =
        IndexedLocationService.open(
            BindingJournal.open(dir, true, config.compactBytes()),
            UsageSink.NONE,
            Clock.systemUTC(),
            config)) {
      System.out.printf(
          Locale.ROOT,
          "reopened: %,d AORs loaded from the journal, ready to route in %.1f s (%.1f CPU-s)%n",
          location.size(),
          (System.nanoTime() - t1) / 1e9,
          (processCpuNanos() - cpu1) / 1e9);
    }
  }

  /** Phone {@code i}: its own AOR in one of 1,000 tenants, behind its own NAT address. */
  static Binding phone(int i) throws java.net.UnknownHostException {
    String user = Integer.toString(100_000 + i);
    String aor = "sip:" + user + "@t" + (i % 1000) + ".example.com";
    byte[] ip = {(byte) 198, (byte) 51, (byte) (i >> 16), (byte) (i >> 8)};
    InetSocketAddress flow =
        new InetSocketAddress(InetAddress.getByAddress(ip), 1024 + (i & 0xffff) % 60000);
    Instant now = Instant.now();
    return new Binding(
        aor,
        Address.parse(
            "<sip:"
                + user
                + "@192.168.1."
                + (i % 250)
                + ":5060;transport=udp>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-"
                + String.format(Locale.ROOT, "%012x", i)
                + ">\""),
        1000,
        now.plusSeconds(3600),
        Long.toHexString(i * 2654435761L) + "@192.168.1." + (i % 250),
        1,
        List.of(),
        Endpoint.udp(flow),
        new String(AGENTS[i % AGENTS.length]), // as parsed from each REGISTER
        now);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      TimeUnit.MILLISECONDS.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
