package dev.switchboard.bench.media;

import dev.switchboard.media.FrameSink;
import dev.switchboard.media.clock.AudioPatch;
import dev.switchboard.media.clock.MediaClock;
import dev.switchboard.media.codec.G711;
import dev.switchboard.media.jitter.JitterBuffer;
import dev.switchboard.media.mix.ConferenceMixer;
import dev.switchboard.media.rtp.MediaTransport;
import dev.switchboard.media.rtp.PortRange;
import dev.switchboard.media.rtp.RtpSession;
import dev.switchboard.media.stream.AudioStream;
import dev.switchboard.media.tone.FrequencyAnalyzer;
import dev.switchboard.media.tone.ToneGenerator;
import dev.switchboard.media.wav.WavEncoding;
import dev.switchboard.media.wav.WavReader;
import dev.switchboard.media.wav.WavWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How many concurrent G.711 streams the media module sustains: a load generator (its own clock and
 * sockets) sends 20 ms PCMU packets over loopback to the system under test (its own clock and
 * sockets), which records each stream to a µ-law WAV file (voicemail) or mixes them in conference
 * rooms and sends every participant its mix back. Both run in this JVM on the same cores; CPU is
 * counted per side from the threads' CPU time. Loss and jitter come from the RTP sessions' RFC 3550
 * statistics, late and concealed frames from the jitter buffers, tick lateness from the clock.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.switchboard.bench.media.MediaLoad \
 *     record|conference [--steps 100,200,400] [--seconds 20] [--warmup 5] [--room 3] [--threads 1]
 *     [--dir /tmp/x]
 * </pre>
 */
public final class MediaLoad {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final String SUT_CLOCK = "sut-clock";
  private static final String GEN_CLOCK = "gen-clock";
  private static final PortRange SUT_PORTS = new PortRange(40_000, 43_999);
  private static final PortRange GEN_PORTS = new PortRange(50_000, 53_999);

  private final String mode;
  private final int seconds;
  private final int warmup;
  private final int roomSize;
  private final Path dir;
  private final int threads;

  private MediaLoad(String mode, int seconds, int warmup, int roomSize, Path dir, int threads) {
    this.mode = mode;
    this.seconds = seconds;
    this.warmup = warmup;
    this.roomSize = roomSize;
    this.dir = dir;
    this.threads = threads;
  }

  /** Runs the steps and prints one Markdown table row per step. */
  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("record") || args[0].equals("conference"))) {
      System.err.println(
          "usage: MediaLoad record|conference [--steps 100,200] [--seconds 20]"
              + " [--warmup 5] [--room 3] [--dir DIR]");
      System.exit(2);
    }
    List<Integer> steps = List.of(100, 200, 400);
    int seconds = 20;
    int warmup = 5;
    int room = 3;
    Path dir = null;
    int threads = 1;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--steps" ->
            steps = Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        case "--room" -> room = Integer.parseInt(args[i + 1]);
        case "--dir" -> dir = Path.of(args[i + 1]);
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (dir == null) {
      dir = Files.createTempDirectory("media-load");
    }
    MediaLoad load = new MediaLoad(args[0], seconds, warmup, room, dir, threads);
    System.out.printf(
        Locale.ROOT,
        "# %s, %d s measured after %d s warm-up, %d clock thread(s) a side, %d cores,"
            + " load average %.1f%n",
        args[0],
        seconds,
        warmup,
        threads,
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println(
        "| streams | packets expected | lost | loss % | jitter mean / max (ms)"
            + " | late frames | concealed % | SUT tick late max (ms) | SUT / generator skipped ticks"
            + " | SUT CPU % | SUT CPU per stream (µs/s) | generator CPU % | check |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (int n : steps) {
      System.out.println(load.step(n));
      System.gc();
      Thread.sleep(2000);
    }
  }

  /** One side's streams and what the step keeps an eye on. */
  private record Leg(AudioStream sut, AudioStream generator) {}

  private String step(int streams) throws Exception {
    List<Leg> legs = new ArrayList<>(streams);
    List<WavWriter> recordings = new ArrayList<>();
    List<AudioPatch> patches = new ArrayList<>();
    List<MediaClock.Registration> rooms = new ArrayList<>();
    FrequencyAnalyzer[] listener = new FrequencyAnalyzer[1];
    double[] listenerOwn = new double[1];
    try (MediaClock sutClock = MediaClock.start(SUT_CLOCK, threads);
        MediaClock genClock = MediaClock.start(GEN_CLOCK, threads);
        MediaTransport sut = MediaTransport.open(LOOPBACK, SUT_PORTS);
        MediaTransport gen = MediaTransport.open(LOOPBACK, GEN_PORTS)) {
      ConferenceMixer mixer = null;
      for (int i = 0; i < streams; i++) {
        AudioStream s = AudioStream.open(sut, RtpSession.Settings.g711(null, "sut@load"), config());
        AudioStream g =
            AudioStream.open(
                gen, RtpSession.Settings.g711(s.session().localAddress(), "gen@load"), config());
        legs.add(new Leg(s, g));
        double frequency = 300 + 150 * (i % roomSize);
        patches.add(AudioPatch.connect(genClock, ToneGenerator.sine(frequency, 6000), g));
        if (mode.equals("record")) {
          WavWriter w = WavWriter.create(dir.resolve("stream-" + i + ".wav"), WavEncoding.MULAW);
          recordings.add(w);
          patches.add(AudioPatch.connect(sutClock, s, w));
        } else {
          if (i % roomSize == 0) {
            mixer = new ConferenceMixer();
            rooms.add(sutClock.schedule(mixer));
          }
          mixer.join(s, s);
          FrameSink ear;
          if (i == 0) {
            listener[0] = new FrequencyAnalyzer();
            listenerOwn[0] = frequency;
            ear = f -> listener[0].accept(f);
          } else {
            ear = f -> {};
          }
          patches.add(AudioPatch.connect(genClock, g, ear));
        }
      }
      Thread.sleep(warmup * 1000L);
      Snapshot before = Snapshot.take(legs);
      sutClock.resetMaxima();
      long sutCpu0 = cpuNanos(SUT_CLOCK, "media-io-127.0.0.1-" + SUT_PORTS);
      long genCpu0 = cpuNanos(GEN_CLOCK, "media-io-127.0.0.1-" + GEN_PORTS);
      long skipped0 = sutClock.stats().skippedTicks();
      long genSkipped0 = genClock.stats().skippedTicks();
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long elapsed = System.nanoTime() - t0;
      long sutCpu = cpuNanos(SUT_CLOCK, "media-io-127.0.0.1-" + SUT_PORTS) - sutCpu0;
      long genCpu = cpuNanos(GEN_CLOCK, "media-io-127.0.0.1-" + GEN_PORTS) - genCpu0;
      Snapshot after = Snapshot.take(legs);
      MediaClock.Stats clock = sutClock.stats();
      long genSkipped = genClock.stats().skippedTicks() - genSkipped0;
      for (AudioPatch p : patches) {
        p.disconnect();
      }
      rooms.forEach(MediaClock.Registration::cancel);
      Thread.sleep(200); // a tick in progress when they were cancelled still completes
      for (WavWriter w : recordings) {
        w.close();
      }
      String check =
          mode.equals("record") ? checkRecordings(streams) : checkRoom(listener[0], listenerOwn[0]);
      for (Leg leg : legs) {
        leg.generator().close();
        leg.sut().close();
      }
      long expected = after.expected - before.expected;
      long lost = after.lost - before.lost;
      long frames = (after.played + after.concealed) - (before.played + before.concealed);
      return String.format(
          Locale.ROOT,
          "| %d | %,d | %,d | %.3f | %.2f / %.2f | %,d | %.3f | %.1f | %d / %d | %.0f | %.1f | %.0f | %s |",
          streams,
          expected,
          lost,
          expected == 0 ? 0 : 100.0 * lost / expected,
          after.meanJitter,
          after.maxJitter,
          after.late - before.late,
          frames == 0 ? 0 : 100.0 * (after.concealed - before.concealed) / frames,
          clock.maxLateNanos() / 1e6,
          clock.skippedTicks() - skipped0,
          genSkipped,
          100.0 * sutCpu / elapsed,
          sutCpu / 1e3 / streams / (elapsed / 1e9),
          100.0 * genCpu / elapsed,
          check);
    }
  }

  private static AudioStream.Config config() {
    return new AudioStream.Config(G711.PCMU, 101, JitterBuffer.adaptive(2, 10));
  }

  private String checkRecordings(int streams) throws IOException {
    int ok = 0;
    int checked = 0;
    for (int i = 0; i < streams; i += Math.max(1, streams / 5), checked++) {
      FrequencyAnalyzer analyzer = new FrequencyAnalyzer();
      analyzer.accept(WavReader.read(dir.resolve("stream-" + i + ".wav")).samples());
      double expected = 300 + 150 * (i % roomSize);
      if (Math.abs(analyzer.dominantFrequency() - expected) < 3) {
        ok++;
      }
      Files.deleteIfExists(dir.resolve("stream-" + i + ".wav"));
    }
    for (int i = 0; i < streams; i++) {
      Files.deleteIfExists(dir.resolve("stream-" + i + ".wav"));
    }
    return "tone in " + ok + "/" + checked + " recordings";
  }

  private String checkRoom(FrequencyAnalyzer heard, double own) {
    StringBuilder s = new StringBuilder("room 1 hears");
    for (int k = 1; k < roomSize; k++) {
      double f = 300 + 150 * k;
      s.append(String.format(Locale.ROOT, " %.0f Hz %.0f %%", f, 100 * heard.shareNear(f, 5)));
    }
    s.append(
        String.format(Locale.ROOT, ", own %.0f Hz %.2f %%", own, 100 * heard.shareNear(own, 5)));
    return s.toString();
  }

  private static long cpuNanos(String... prefixes) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      for (String prefix : prefixes) {
        if (info.getThreadName().startsWith(prefix)) {
          long cpu = threads.getThreadCpuTime(info.getThreadId());
          if (cpu > 0) {
            total += cpu;
          }
        }
      }
    }
    return total;
  }

  /** Sums of the SUT side's and generator side's counters at one moment. */
  private static final class Snapshot {
    long expected;
    long lost;
    long late;
    long played;
    long concealed;
    double meanJitter;
    double maxJitter;

    static Snapshot take(List<Leg> legs) {
      Snapshot s = new Snapshot();
      double jitterSum = 0;
      int n = 0;
      for (Leg leg : legs) {
        for (AudioStream stream : List.of(leg.sut(), leg.generator())) {
          AudioStream.Stats stats = stream.stats();
          if (stats.rtp().expected() == 0) {
            continue; // a generator in record mode receives nothing
          }
          s.expected += stats.rtp().expected();
          s.lost += Math.max(0, stats.rtp().lost());
          s.late += stats.jitterBuffer().late();
          s.played += stats.jitterBuffer().played();
          s.concealed += stats.jitterBuffer().concealed();
          jitterSum += stats.rtp().jitterMillis();
          s.maxJitter = Math.max(s.maxJitter, stats.rtp().jitterMillis());
          n++;
        }
      }
      s.meanJitter = n == 0 ? 0 : jitterSum / n;
      return s;
    }
  }
}
