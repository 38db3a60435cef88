package dev.switchboard.server.edge;

import dev.switchboard.store.security.SecurityBlock;
import dev.switchboard.store.security.SecurityDesk;
import dev.switchboard.store.security.SecurityEvent;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the edge remembers about senders: who is blocked, how fast each address sends, how often
 * each address and account failed digest authentication, and the event log. One per node, shared by
 * the admission check and the registrar and proxy; the console reads it as a {@link SecurityDesk}.
 */
public final class EdgeSecurity implements SecurityDesk, AutoCloseable {
  private final EdgeConfig config;
  private final Clock clock;
  private final SecurityLog log;
  private final Blocks blocks;
  final RateWindow<InetAddress> requests;
  private final RateWindow<String> pairFailures;
  private final RateWindow<InetAddress> sourceFailures;
  private final ScheduledExecutorService sweeper;

  public EdgeSecurity(EdgeConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.log = new SecurityLog(clock);
    this.blocks = new Blocks(clock, log);
    this.requests = new RateWindow<>(config.floodWindow().toNanos());
    this.pairFailures = new RateWindow<>(config.authWindow().toNanos());
    this.sourceFailures = new RateWindow<>(config.authWindow().toNanos());
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "edge-sweeper");
              t.setDaemon(true);
              return t;
            });
    sweeper.scheduleWithFixedDelay(this::sweep, 10, 10, TimeUnit.SECONDS);
  }

  public EdgeConfig config() {
    return config;
  }

  public SecurityLog log() {
    return log;
  }

  /** The block on the whole address, or null. */
  SecurityBlock sourceBlock(InetAddress source) {
    return blocks.active(Blocks.key(source, null), clock.instant());
  }

  /** The block on this address for this account, or null. */
  SecurityBlock pairBlock(InetAddress source, String account) {
    return blocks.active(Blocks.key(source, account), clock.instant());
  }

  SecurityBlock blockSource(
      InetAddress source, String kind, String reason, java.time.Duration base) {
    return blocks.block(
        Blocks.key(source, null), kind, source, null, reason, base, config.maxBlock());
  }

  /**
   * A wrong digest answer for {@code account} from {@code source}: counted for the pair and the
   * address, which are blocked once past their limits.
   */
  void authFailed(InetAddress source, String account) {
    log.count("auth_failures");
    long now = System.nanoTime();
    String pair = Blocks.key(source, account);
    if (pairFailures.add(pair, now) >= config.pairFailures()) {
      pairFailures.reset(pair);
      blocks.block(
          pair,
          "auth-pair-blocked",
          source,
          account,
          config.pairFailures() + " wrong passwords in " + config.authWindow().toMinutes() + " min",
          config.authBlock(),
          config.maxBlock());
    }
    if (sourceFailures.add(source, now) >= config.sourceFailures()) {
      sourceFailures.reset(source);
      blocks.block(
          Blocks.key(source, null),
          "auth-source-blocked",
          source,
          null,
          config.sourceFailures()
              + " wrong passwords in "
              + config.authWindow().toMinutes()
              + " min",
          config.authBlock().multipliedBy(10),
          config.maxBlock());
    }
  }

  /** A right answer: the pair's count of failures starts over. */
  void authSucceeded(InetAddress source, String account) {
    pairFailures.reset(Blocks.key(source, account));
  }

  private void sweep() {
    long now = System.nanoTime();
    requests.sweep(now);
    pairFailures.sweep(now);
    sourceFailures.sweep(now);
    blocks.sweep(clock.instant());
  }

  @Override
  public List<SecurityEvent> events(int limit) {
    return log.recent(limit);
  }

  @Override
  public List<SecurityBlock> blocks(Instant now) {
    return blocks.active(now);
  }

  @Override
  public boolean unblock(String id, String by) {
    SecurityBlock lifted = blocks.unblock(id, by);
    if (lifted == null) {
      return false;
    }
    // A fresh start: the counts that led to the block would otherwise trip it again at once.
    try {
      InetAddress source = InetAddress.getByName(lifted.source()); // a literal: no lookup
      requests.reset(source);
      sourceFailures.reset(source);
      if (lifted.subject() != null) {
        pairFailures.reset(Blocks.key(source, lifted.subject()));
      }
    } catch (java.net.UnknownHostException e) {
      // Not an address we made: nothing to reset.
    }
    return true;
  }

  @Override
  public Map<String, Long> counters() {
    Map<String, Long> totals = log.totals();
    totals.put("active_blocks", (long) blocks.active(clock.instant()).size());
    return totals;
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
