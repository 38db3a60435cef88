package dev.switchboard.server.pbx;

import dev.switchboard.store.account.AccountOptions;
import dev.switchboard.store.directory.DirectoryChange;
import dev.switchboard.store.directory.DirectoryChangeLog;
import dev.switchboard.store.pbx.PbxRepository;
import dev.switchboard.store.pbx.PbxSettings;
import dev.switchboard.store.pbx.RingGroup;
import dev.switchboard.store.pbx.TenantPbx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tenant's PBX configuration in memory (dial plan, groups, each extension's call handling),
 * loaded at start and kept current from the directory change log like the subscriber directory, so
 * routing a call never waits on the database. Feature codes write through it off the SIP thread.
 */
public final class PbxDirectory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PbxDirectory.class);

  /** Where the configuration lives; the database in production, a map in tests. */
  public interface Source {
    List<TenantPbx> loadAll();

    Optional<TenantPbx> load(String domain);

    Optional<AccountOptions> options(String domain, String user);

    /** Writes {@code options} of {@code user@domain} (a feature code changed them). */
    void saveOptions(String domain, String user, AccountOptions options);
  }

  private final Source source;
  private final Map<String, TenantPbx> tenants = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "pbx-directory");
            t.setDaemon(true);
            return t;
          });
  private final DirectoryChangeLog changes;
  private volatile long lastChange;

  private PbxDirectory(Source source, DirectoryChangeLog changes) {
    this.source = source;
    this.changes = changes;
  }

  /** Loads every tenant and follows {@code changes} every {@code poll}; null changes: never. */
  public static PbxDirectory start(Source source, DirectoryChangeLog changes, Duration poll) {
    PbxDirectory d = new PbxDirectory(source, changes);
    if (changes != null) {
      d.lastChange = changes.latestId();
    }
    for (TenantPbx t : source.loadAll()) {
      d.tenants.put(t.domain(), t);
    }
    LOG.info("pbx directory loaded {} tenants", d.tenants.size());
    if (changes != null) {
      long ms = poll.toMillis();
      d.worker.scheduleWithFixedDelay(d::pollQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }
    return d;
  }

  /** The database as source. */
  public static Source database(
      PbxRepository pbx, dev.switchboard.store.account.AccountRepository accounts) {
    return new Source() {
      @Override
      public List<TenantPbx> loadAll() {
        return pbx.loadAll();
      }

      @Override
      public Optional<TenantPbx> load(String domain) {
        return pbx.load(domain);
      }

      @Override
      public Optional<AccountOptions> options(String domain, String user) {
        return pbx.options(domain, user);
      }

      @Override
      public void saveOptions(String domain, String user, AccountOptions options) {
        accounts.update(domain, accounts.get(domain, user).withOptions(options), Optional.empty());
      }
    };
  }

  /** The configuration of {@code domain}: defaults for a tenant not loaded (yet). */
  public TenantPbx tenant(String domain) {
    String d = domain.toLowerCase(Locale.ROOT);
    TenantPbx t = tenants.get(d);
    return t != null ? t : new TenantPbx(d, PbxSettings.DEFAULTS, List.of(), Map.of());
  }

  /** The call handling of {@code user@domain}, or empty when memory knows no such extension. */
  public Optional<AccountOptions> options(String domain, String user) {
    return Optional.ofNullable(tenant(domain).options().get(user));
  }

  public Optional<RingGroup> group(String domain, String number) {
    for (RingGroup g : tenant(domain).groups()) {
      if (g.number().equals(number)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  /** Where the next call of a round-robin group starts: one member further each call. */
  int nextStart(String domain, RingGroup g) {
    AtomicInteger n =
        roundRobin.computeIfAbsent(domain + "/" + g.number(), k -> new AtomicInteger());
    return Math.floorMod(n.getAndIncrement(), g.members().size());
  }

  /**
   * Changes one extension's call handling (a feature code), in memory at once and durably off the
   * calling thread; completes when written.
   */
  public CompletionStage<AccountOptions> update(
      String domain, String user, UnaryOperator<AccountOptions> change) {
    CompletableFuture<AccountOptions> done = new CompletableFuture<>();
    worker.execute(
        () -> {
          try {
            AccountOptions now =
                source.options(domain, user).orElseThrow(() -> new IllegalStateException(user));
            AccountOptions next = change.apply(now);
            source.saveOptions(domain, user, next);
            put(domain, user, next);
            done.complete(next);
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    return done;
  }

  /** Replaces a tenant's configuration (tests, and the poll). */
  public void put(TenantPbx t) {
    tenants.put(t.domain().toLowerCase(Locale.ROOT), t);
  }

  private void put(String domain, String user, AccountOptions o) {
    tenants.compute(
        domain.toLowerCase(Locale.ROOT),
        (d, t) -> {
          TenantPbx base = t != null ? t : tenant(d);
          Map<String, AccountOptions> m = new HashMap<>(base.options());
          if (o == null) {
            m.remove(user);
          } else {
            m.put(user, o);
          }
          return new TenantPbx(d, base.settings(), base.groups(), m);
        });
  }

  private void pollQuietly() {
    try {
      while (true) {
        List<DirectoryChange> batch = changes.changesAfter(lastChange, 1000);
        for (DirectoryChange c : batch) {
          apply(c);
          lastChange = c.id();
        }
        if (batch.size() < 1000) {
          return;
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("pbx directory poll failed, retrying: {}", e.toString());
    }
  }

  private void apply(DirectoryChange c) {
    if (c.user() == null || PbxRepository.CHANGE_MARK.equals(c.user())) {
      Optional<TenantPbx> t = source.load(c.domain());
      if (t.isPresent()) {
        put(t.get());
      } else {
        tenants.remove(c.domain());
      }
      return;
    }
    put(c.domain(), c.user(), source.options(c.domain(), c.user()).orElse(null));
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
