package dev.switchboard.server.directory;

import dev.switchboard.store.directory.DirectoryChange;
import dev.switchboard.store.directory.DirectoryChangeLog;
import dev.switchboard.store.directory.SubscriberEntry;
import dev.switchboard.store.directory.TenantEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SubscriberDirectory} held in memory: every tenant (and by default every extension)
 * loaded at start, kept current by polling the {@link DirectoryChangeLog}, misses loaded on a small
 * executor and unknown extensions remembered briefly.
 */
public final class CachedSubscriberDirectory implements SubscriberDirectory, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CachedSubscriberDirectory.class);
  private static final int CHANGES_PER_POLL = 1_000;

  private record Key(String domain, String user) {}

  /** A cached extension, or the remembered absence of one until {@code until}. */
  private record Cached(SubscriberEntry entry, Instant until) {}

  private final DirectoryChangeLog log;
  private final Clock clock;
  private final DirectoryConfig config;
  private final Map<String, TenantEntry> tenants = new ConcurrentHashMap<>();
  private final Map<Key, Cached> subscribers = new ConcurrentHashMap<>();
  private final Map<Key, CompletableFuture<Optional<SubscriberEntry>>> loading =
      new ConcurrentHashMap<>();
  // Bumped by every applied change: a miss load that overlapped one does not cache its answer.
  private final AtomicLong generation = new AtomicLong();
  private final ScheduledExecutorService poller;
  private final ThreadPoolExecutor loader;
  private volatile long lastChangeId;

  private CachedSubscriberDirectory(DirectoryChangeLog log, Clock clock, DirectoryConfig config) {
    this.log = log;
    this.clock = clock;
    this.config = config;
    this.poller = Executors.newSingleThreadScheduledExecutor(daemon("directory-poll"));
    this.loader =
        new ThreadPoolExecutor(
            config.loaderThreads(),
            config.loaderThreads(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(config.loaderQueue()),
            daemon("directory-load"));
  }

  /** Loads every tenant (and extension, if configured) and starts polling the change log. */
  public static CachedSubscriberDirectory start(
      DirectoryChangeLog log, Clock clock, DirectoryConfig config) {
    CachedSubscriberDirectory d = new CachedSubscriberDirectory(log, clock, config);
    try {
      d.loadAll();
    } catch (RuntimeException e) {
      d.close();
      throw e;
    }
    long ms = config.pollInterval().toMillis();
    d.poller.scheduleWithFixedDelay(d::pollQuietly, ms, ms, TimeUnit.MILLISECONDS);
    return d;
  }

  private void loadAll() {
    // Read the log position first: changes made during the load are applied again, harmlessly.
    lastChangeId = log.latestId();
    for (TenantEntry t : log.tenants()) {
      tenants.put(t.domain(), t);
    }
    if (config.preloadSubscribers()) {
      for (SubscriberEntry s : log.subscribers()) {
        subscribers.put(new Key(s.domain(), s.user()), new Cached(s, Instant.MAX));
      }
    }
    LOG.info("directory loaded: {} tenants, {} extensions", tenants.size(), subscribers.size());
  }

  @Override
  public Optional<TenantRouting> tenant(String domain) {
    if (domain == null) {
      return Optional.empty();
    }
    TenantEntry t = tenants.get(domain.toLowerCase(Locale.ROOT));
    return t == null ? Optional.empty() : Optional.of(routing(t));
  }

  @Override
  public CompletionStage<Optional<TenantRouting>> findTenant(String domain) {
    Optional<TenantRouting> known = tenant(domain);
    if (known.isPresent() || domain == null) {
      return CompletableFuture.completedFuture(known);
    }
    String d = domain.toLowerCase(Locale.ROOT);
    try {
      return CompletableFuture.supplyAsync(
          () -> {
            Optional<TenantEntry> found = log.tenant(d);
            found.ifPresent(t -> tenants.putIfAbsent(d, t));
            return found.map(CachedSubscriberDirectory::routing);
          },
          loader);
    } catch (RejectedExecutionException e) {
      // The loader is saturated: answer from memory rather than queue without bound.
      return CompletableFuture.completedFuture(Optional.empty());
    }
  }

  @Override
  public CompletionStage<Optional<Subscriber>> subscriber(String domain, String user) {
    if (domain == null || user == null) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    Key key = new Key(domain.toLowerCase(Locale.ROOT), user);
    if (!tenants.containsKey(key.domain())) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    Cached c = subscribers.get(key);
    if (c != null && (c.entry() != null || clock.instant().isBefore(c.until()))) {
      return CompletableFuture.completedFuture(Optional.ofNullable(c.entry()).map(this::admit));
    }
    return load(key).thenApply(e -> e.map(this::admit));
  }

  @Override
  public Optional<Optional<Subscriber>> cached(String domain, String user) {
    if (domain == null || user == null) {
      return Optional.of(Optional.empty());
    }
    Key key = new Key(domain.toLowerCase(Locale.ROOT), user);
    if (!tenants.containsKey(key.domain())) {
      return Optional.of(Optional.empty());
    }
    Cached c = subscribers.get(key);
    if (c != null && (c.entry() != null || clock.instant().isBefore(c.until()))) {
      return Optional.of(Optional.ofNullable(c.entry()).map(this::admit));
    }
    // Not in memory: maybe created since the last poll (a phone set up the moment its account
    // was made). Only the database can tell; the miss is then remembered for a while.
    return Optional.empty();
  }

  private CompletableFuture<Optional<SubscriberEntry>> load(Key key) {
    CompletableFuture<Optional<SubscriberEntry>> fresh = new CompletableFuture<>();
    CompletableFuture<Optional<SubscriberEntry>> running = loading.putIfAbsent(key, fresh);
    if (running != null) {
      return running;
    }
    try {
      loader.execute(
          () -> {
            long gen = generation.get();
            try {
              Optional<SubscriberEntry> found = log.subscriber(key.domain(), key.user());
              if (generation.get() == gen) {
                subscribers.put(
                    key,
                    new Cached(
                        found.orElse(null),
                        found.isPresent()
                            ? Instant.MAX
                            : clock.instant().plus(config.negativeTtl())));
              }
              loading.remove(key, fresh);
              fresh.complete(found);
            } catch (RuntimeException e) {
              loading.remove(key, fresh);
              fresh.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      loading.remove(key, fresh);
      fresh.completeExceptionally(e);
    }
    return fresh;
  }

  private Subscriber admit(SubscriberEntry e) {
    TenantEntry t = tenants.get(e.domain());
    boolean admitted = e.enabled() && t != null && t.status().allowsService();
    return new Subscriber(e.domain(), e.user(), e.ha1Md5(), e.ha1Sha256(), admitted);
  }

  private static TenantRouting routing(TenantEntry t) {
    TenantRouting.Mode mode =
        "redirect".equalsIgnoreCase(t.routingMode())
            ? TenantRouting.Mode.REDIRECT
            : TenantRouting.Mode.PROXY;
    return new TenantRouting(t.domain(), t.status().allowsService(), mode);
  }

  private void pollQuietly() {
    try {
      poll();
    } catch (RuntimeException e) {
      LOG.warn("directory poll failed, retrying: {}", e.toString());
    }
  }

  /** Applies every change after the last one seen; runs on the poll thread (and in tests). */
  void poll() {
    while (true) {
      List<DirectoryChange> changes = log.changesAfter(lastChangeId, CHANGES_PER_POLL);
      for (DirectoryChange c : changes) {
        apply(c);
        lastChangeId = c.id();
      }
      if (changes.size() < CHANGES_PER_POLL) {
        return;
      }
    }
  }

  private void apply(DirectoryChange c) {
    generation.incrementAndGet();
    if (c.user() == null) {
      Optional<TenantEntry> t = log.tenant(c.domain());
      if (t.isEmpty()) {
        tenants.remove(c.domain());
        subscribers.keySet().removeIf(k -> k.domain().equals(c.domain()));
        return;
      }
      tenants.put(c.domain(), t.get());
      if (!config.preloadSubscribers()) {
        subscribers.keySet().removeIf(k -> k.domain().equals(c.domain()));
        return;
      }
      // Replaced entry by entry, so a lookup meanwhile never finds a known extension missing.
      java.util.Set<Key> current = new java.util.HashSet<>();
      for (SubscriberEntry s : log.subscribers(c.domain())) {
        Key k = new Key(s.domain(), s.user());
        current.add(k);
        subscribers.put(k, new Cached(s, Instant.MAX));
      }
      subscribers.keySet().removeIf(k -> k.domain().equals(c.domain()) && !current.contains(k));
      return;
    }
    Key key = new Key(c.domain(), c.user());
    Optional<SubscriberEntry> s = log.subscriber(c.domain(), c.user());
    if (s.isPresent()) {
      subscribers.put(key, new Cached(s.get(), Instant.MAX));
    } else {
      subscribers.remove(key);
    }
  }

  /** The change id applied last, for tests and metrics. */
  public long lastChangeId() {
    return lastChangeId;
  }

  @Override
  public void close() {
    poller.shutdownNow();
    loader.shutdownNow();
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
