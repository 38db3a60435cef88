package dev.switchboard.bench.pbx;

import dev.switchboard.server.directory.TenantRouting.Mode;
import dev.switchboard.server.edge.DigestGate;
import dev.switchboard.server.edge.EdgeConfig;
import dev.switchboard.server.edge.EdgeSecurity;
import dev.switchboard.server.pbx.PbxDirectory;
import dev.switchboard.server.pbx.PbxServices;
import dev.switchboard.server.proxy.CollectingSink;
import dev.switchboard.server.proxy.MemoryDirectory;
import dev.switchboard.server.proxy.MemoryLocation;
import dev.switchboard.server.sip.SipService;
import dev.switchboard.server.sip.SipServiceConfig;
import dev.switchboard.server.sip.SipServices;
import dev.switchboard.sip.auth.ChallengeOrder;
import dev.switchboard.sip.auth.DigestAuthenticator;
import dev.switchboard.sip.auth.DigestClient;
import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transport.TransportKind;
import dev.switchboard.store.account.AccountOptions;
import dev.switchboard.store.pbx.PbxSettings;
import dev.switchboard.store.pbx.TenantPbx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Presence fan-out through the real SIP service and presence server on 127.0.0.1: {@code E}
 * extensions each watched by {@code W/E} authenticated subscribers over UDP; every extension
 * changes state (registers, then all bindings go) and the time from the change to the last NOTIFY
 * that shows it is measured, with the CPU the server's threads spent. Watchers answer every NOTIFY
 * with 200 at once, as phones do.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.switchboard.bench.pbx.PresenceFanOut [E] [W]
 * [pollMs]}
 */
public final class PresenceFanOut {
  private static final String DOMAIN = "bench.test";
  private static final String PASSWORD = "pw";
  private static final MessageParser PARSER = new MessageParser();
  private static final AtomicLong IDS = new AtomicLong();

  /** One subscription and what its watcher has been told. */
  private static final class Sub {
    final String callId;
    final int extension;
    volatile boolean accepted;
    volatile String lastBasic;
    volatile long lastNotifyNanos;
    volatile int notifies;

    Sub(String callId, int extension) {
      this.callId = callId;
      this.extension = extension;
    }
  }

  /** A request waiting for its final answer, re-sent once with credentials on 407. */
  private record Pending(String text, String user, Consumer<SipResponse> done) {}

  /** A UDP socket hosting many watchers; its thread answers NOTIFYs and challenges. */
  private final class Watcher implements Runnable {
    final DatagramSocket socket;
    final Thread thread;
    final DigestClient digest = new DigestClient(new Random(1));

    Watcher() throws IOException {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      socket.setReceiveBufferSize(4 << 20);
      thread = new Thread(this, "watcher-" + socket.getLocalPort());
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    void send(byte[] bytes) {
      try {
        socket.send(new DatagramPacket(bytes, bytes.length, server));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void run() {
      byte[] buf = new byte[65_536];
      while (!socket.isClosed()) {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(p);
        } catch (IOException e) {
          return;
        }
        long at = System.nanoTime();
        SipMessage m;
        try {
          m = PARSER.parseDatagram(Arrays.copyOf(p.getData(), p.getLength()));
        } catch (RuntimeException e) {
          continue;
        }
        if (m instanceof SipRequest q) {
          onRequest(q, at, p);
        } else if (m instanceof SipResponse r) {
          onResponse(r);
        }
      }
    }

    private void onRequest(SipRequest q, long at, DatagramPacket from) {
      byte[] ok = q.createResponse(200, null).toBytes();
      try {
        socket.send(new DatagramPacket(ok, ok.length, from.getSocketAddress()));
      } catch (IOException e) {
        return;
      }
      if (!q.isMethod("NOTIFY")) {
        return;
      }
      notifies.incrementAndGet();
      Sub s = subs.get(q.callId());
      if (s == null) {
        return;
      }
      String body = new String(q.body(), StandardCharsets.UTF_8);
      s.lastBasic = body.contains("<basic>open</basic>") ? "open" : "closed";
      s.lastNotifyNanos = at;
      s.notifies++;
    }

    private void onResponse(SipResponse r) {
      if (r.status() < 200) {
        return;
      }
      Pending p = pending.get(r.callId() + " " + r.cseq().number());
      if (p == null) {
        return;
      }
      pending.remove(r.callId() + " " + r.cseq().number());
      if (r.status() == 407 || r.status() == 401) {
        long next = r.cseq().number() + 1;
        String again =
            p.text()
                .replaceFirst("CSeq: \\d+", "CSeq: " + next)
                .replaceFirst("branch=z9hG4bK[^;\\r\\n]*", "branch=z9hG4bK" + id());
        SipRequest retry = (SipRequest) PARSER.parseDatagram(bytes(again));
        digest.authorize(retry, r, p.user(), PASSWORD);
        pending.put(r.callId() + " " + next, new Pending(again, p.user(), p.done()));
        send(retry.toBytes());
        return;
      }
      p.done().accept(r);
    }

    /** Sends a request built by {@link #request}; {@code done} gets its final answer. */
    void request(String text, String user, Consumer<SipResponse> done) {
      SipRequest q = (SipRequest) PARSER.parseDatagram(bytes(text));
      pending.put(q.callId() + " " + q.cseq().number(), new Pending(text, user, done));
      send(bytes(text));
    }

    String request(String method, String target, String fromUser, String callId, String... extra) {
      StringBuilder sb = new StringBuilder();
      sb.append(method).append(' ').append(target).append(" SIP/2.0\r\n");
      sb.append("Via: SIP/2.0/UDP 127.0.0.1:")
          .append(port())
          .append(";branch=z9hG4bK")
          .append(id())
          .append(";rport\r\n");
      sb.append("Max-Forwards: 70\r\n");
      sb.append("From: <sip:").append(fromUser).append('@').append(DOMAIN);
      sb.append(">;tag=").append(id()).append("\r\n");
      sb.append("To: <").append(target).append(">\r\n");
      sb.append("Call-ID: ").append(callId).append("\r\n");
      sb.append("CSeq: 1 ").append(method).append("\r\n");
      sb.append("Contact: <sip:").append(fromUser).append("@127.0.0.1:").append(port());
      sb.append(">\r\n");
      for (String e : extra) {
        sb.append(e).append("\r\n");
      }
      return sb.append("\r\n").toString();
    }
  }

  private final int extensions;
  private final int watchers;
  private final Duration poll;
  private final Map<String, Sub> subs = new ConcurrentHashMap<>();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong notifies = new AtomicLong();
  private final MemoryLocation location = new MemoryLocation();
  private final List<Watcher> sockets = new ArrayList<>();
  private InetSocketAddress server;

  private PresenceFanOut(int extensions, int watchers, Duration poll) {
    this.extensions = extensions;
    this.watchers = watchers;
    this.poll = poll;
  }

  private static String id() {
    return Long.toString(IDS.incrementAndGet(), 36) + Long.toString(System.nanoTime() & 0xffff, 36);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String user(int extension) {
    return Integer.toString(2000 + extension);
  }

  public static void main(String[] args) throws Exception {
    int e = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int w = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int pollMs = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    new PresenceFanOut(e, w, Duration.ofMillis(pollMs)).run();
    System.exit(0);
  }

  private void run() throws Exception {
    MemoryDirectory directory = new MemoryDirectory().tenant(DOMAIN, Mode.PROXY);
    Map<String, AccountOptions> options = new HashMap<>();
    for (int i = 0; i < extensions; i++) {
      directory.user(DOMAIN, user(i), PASSWORD);
      options.put(user(i), AccountOptions.DEFAULTS);
    }
    TenantPbx tenant = new TenantPbx(DOMAIN, PbxSettings.DEFAULTS, List.of(), options);
    PbxDirectory pbx = PbxDirectory.start(source(tenant), null, Duration.ofSeconds(1));
    PbxServices features = new PbxServices(pbx, null, Clock.systemUTC(), poll);
    DigestGate gate =
        new DigestGate(
            new DigestAuthenticator(
                Clock.systemUTC(),
                new byte[32],
                DigestAuthenticator.DEFAULT_NONCE_LIFETIME,
                ChallengeOrder.MD5_FIRST),
            directory,
            new EdgeSecurity(EdgeConfig.DEFAULT, Clock.systemUTC()),
            Clock.systemUTC());
    try (SipService service =
        SipService.start(
            SipServiceConfig.listen("127.0.0.1", 0),
            SipServices.proxy(directory, location, new CollectingSink())
                .withGate(gate)
                .withFeatures(features))) {
      server = new InetSocketAddress("127.0.0.1", service.address(TransportKind.UDP).getPort());
      for (int i = 0; i < 8; i++) {
        sockets.add(new Watcher());
      }
      System.out.printf(
          "presence fan-out: %d extensions, %d watchers, poll %d ms, %d cores, load %s%n",
          extensions,
          watchers,
          poll.toMillis(),
          Runtime.getRuntime().availableProcessors(),
          load());
      long t = System.nanoTime();
      subscribeAll();
      System.out.printf(
          "subscribed %d in %.1f s (each answered 407, then 200 and a first NOTIFY)%n",
          watchers, (System.nanoTime() - t) / 1e9);
      awaitAll("closed", System.nanoTime(), Duration.ofSeconds(60));

      Map<Long, Long> before = serverCpu();
      Thread.sleep(10_000);
      double idle = cpuSince(before) / 10.0;
      System.out.printf(
          "idle: server threads %.3f CPU-s per s with %d subscriptions (the poll)%n",
          idle, watchers);

      List<Long> singles = new ArrayList<>();
      int single = Math.min(20, extensions);
      for (int i = 0; i < single; i++) {
        long t0 = System.nanoTime();
        location.bind(user(i), DOMAIN, 9, 1000);
        singles.add(awaitExtension(i, "open", t0));
        Thread.sleep(ThreadLocalRandom.current().nextInt((int) poll.toMillis() + 1));
      }
      singles.sort(null);
      System.out.printf(
          "one extension registers (%d times): change to its last watcher's NOTIFY"
              + " median %.1f ms, max %.1f ms (load %s)%n",
          single, singles.get(single / 2) / 1e6, singles.get(single - 1) / 1e6, load());

      burst("every other extension registers at once", "open", single);
      burst("every extension's bindings go at once", "closed", 0);
      System.out.printf("NOTIFYs received in all: %d%n", notifies.get());
    } finally {
      for (Watcher w : sockets) {
        w.socket.close();
      }
      features.close();
      pbx.close();
    }
  }

  private void burst(String what, String basic, int from) throws Exception {
    Map<Long, Long> before = serverCpu();
    long n0 = notifies.get();
    long t0 = System.nanoTime();
    if (basic.equals("open")) {
      for (int i = from; i < extensions; i++) {
        location.bind(user(i), DOMAIN, 9, 1000);
      }
    } else {
      location.clear();
    }
    long last = awaitAll(basic, t0, Duration.ofSeconds(120));
    double cpu = cpuSince(before);
    long sent = notifies.get() - n0;
    System.out.printf(
        "%s: %d NOTIFYs, change to last NOTIFY %.0f ms, server threads %.2f CPU-s"
            + " (%.0f µs per NOTIFY) (load %s)%n",
        what, sent, (last - t0) / 1e6, cpu, cpu * 1e6 / Math.max(1, sent), load());
  }

  private PbxDirectory.Source source(TenantPbx tenant) {
    return new PbxDirectory.Source() {
      @Override
      public List<TenantPbx> loadAll() {
        return List.of(tenant);
      }

      @Override
      public Optional<TenantPbx> load(String domain) {
        return Optional.of(tenant);
      }

      @Override
      public Optional<AccountOptions> options(String domain, String user) {
        return Optional.ofNullable(tenant.options().get(user));
      }

      @Override
      public void saveOptions(String domain, String user, AccountOptions o) {
        throw new UnsupportedOperationException("no feature codes in this bench");
      }
    };
  }

  /**
   * Watcher {@code i} watches extension {@code i % E} as another extension, 32 SUBSCRIBEs in
   * flight; one the server sheds (503 while its receive queue is full) is sent again.
   */
  private void subscribeAll() throws InterruptedException {
    Semaphore window = new Semaphore(32);
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < watchers; i++) {
      todo.add(i);
    }
    for (int round = 0; !todo.isEmpty(); round++) {
      if (round > 20) {
        throw new IllegalStateException(todo.size() + " subscriptions refused");
      }
      List<Integer> refused = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int i : todo) {
        window.acquire();
        subscribe(
            i,
            ok -> {
              if (!ok) {
                refused.add(i);
              }
              window.release();
            });
      }
      window.acquire(32);
      window.release(32);
      todo = new ArrayList<>(refused);
      if (!todo.isEmpty()) {
        Thread.sleep(1000);
      }
    }
  }

  private void subscribe(int i, Consumer<Boolean> done) {
    int ext = i % extensions;
    int as = (ext + 1 + i / extensions) % extensions;
    Watcher w = sockets.get(i % sockets.size());
    String callId = "w" + i + "-" + id();
    Sub s = new Sub(callId, ext);
    subs.put(callId, s);
    w.request(
        w.request(
            "SUBSCRIBE",
            "sip:" + user(ext) + "@" + DOMAIN,
            user(as),
            callId,
            "Event: presence",
            "Accept: application/pidf+xml",
            "Expires: 3600",
            "Content-Length: 0"),
        user(as),
        r -> {
          s.accepted = r.status() == 200;
          if (!s.accepted) {
            subs.remove(callId);
            if (r.status() != 503) {
              System.err.println("SUBSCRIBE " + callId + ": " + r.status() + " " + r.reason());
            }
          }
          done.accept(s.accepted);
        });
  }

  /** Waits until every watcher of extension {@code ext} was told {@code basic}; nanos taken. */
  private long awaitExtension(int ext, String basic, long t0) throws InterruptedException {
    long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      long last = 0;
      boolean all = true;
      for (Sub s : subs.values()) {
        if (s.extension == ext) {
          if (!basic.equals(s.lastBasic)) {
            all = false;
            break;
          }
          last = Math.max(last, s.lastNotifyNanos);
        }
      }
      if (all) {
        return last - t0;
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException("extension " + ext + " never showed " + basic);
  }

  /** Waits until every watcher was told {@code basic}; the arrival time of the last NOTIFY. */
  private long awaitAll(String basic, long t0, Duration timeout) throws InterruptedException {
    long deadline = t0 + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      long last = 0;
      int missing = 0;
      for (Sub s : subs.values()) {
        if (!basic.equals(s.lastBasic)) {
          missing++;
        } else {
          last = Math.max(last, s.lastNotifyNanos);
        }
      }
      if (missing == 0) {
        return last;
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("not every watcher was told " + basic + " within " + timeout);
  }

  /** CPU nanos of every live thread that is not a watcher or this driver, by thread id. */
  private Map<Long, Long> serverCpu() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Set<Long> ours = new HashSet<>();
    ours.add(Thread.currentThread().getId());
    for (Watcher w : sockets) {
      ours.add(w.thread.getId());
    }
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : mx.getAllThreadIds()) {
      long ns = mx.getThreadCpuTime(id);
      if (!ours.contains(id) && ns >= 0) {
        cpu.put(id, ns);
      }
    }
    return cpu;
  }

  private double cpuSince(Map<Long, Long> before) {
    long total = 0;
    for (Map.Entry<Long, Long> e : serverCpu().entrySet()) {
      total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return total / 1e9;
  }

  private static String load() {
    return String.format(
        "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
