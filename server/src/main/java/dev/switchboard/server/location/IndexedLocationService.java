package dev.switchboard.server.location;

import dev.switchboard.server.usage.RegistrationEvent;
import dev.switchboard.server.usage.UsageSink;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The location service in memory (AOR → immutable binding list), made durable through a {@link
 * GroupCommitWriter}. Updates are computed against the newest accepted state, but lookups see a
 * change only once it is durable, so the proxy never routes to a binding a crash could forget. A
 * refresh that only extends bindings already durable is acknowledged at once and written lazily: a
 * crash can lose only the extension, so the binding expires earlier than the phone expects, and the
 * phone's next refresh (or a restart's re-registration) puts it back.
 */
public final class IndexedLocationService implements LocationRegistry, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IndexedLocationService.class);

  /** Highest q first, then the most recently refreshed (RFC 3261 §16.6 leaves ties to us). */
  static final Comparator<Binding> ORDER =
      Comparator.comparingInt(Binding::qMillis)
          .reversed()
          .thenComparing(Binding::updatedAt, Comparator.reverseOrder());

  private final Map<String, List<Binding>> latest;
  private final Map<String, List<Binding>> visible;
  private final BindingPersistence persistence;
  private final GroupCommitWriter writer;
  private final UsageSink usage;
  private final Clock clock;

  private IndexedLocationService(
      BindingPersistence persistence,
      UsageSink usage,
      Clock clock,
      LocationConfig config,
      Map<String, List<Binding>> loaded) {
    // Sized for what was loaded (and growth), so a large node's start does not rehash.
    int capacity = Math.max(16, (int) (loaded.size() * 1.5));
    this.latest = new ConcurrentHashMap<>(capacity);
    this.visible = new ConcurrentHashMap<>(capacity);
    latest.putAll(loaded);
    visible.putAll(loaded);
    this.persistence = persistence;
    this.usage = usage;
    this.clock = clock;
    this.writer =
        new GroupCommitWriter(
            persistence,
            config.writeQueue(),
            config.maxBatch(),
            () -> persistence.maintain(this::durableSnapshots, clock.instant()),
            aor -> new AorSnapshot(aor, latest.getOrDefault(aor, List.of())));
  }

  /**
   * Deletes expired rows, loads the unexpired ones and starts the writer; the caller runs the
   * {@link ExpirySweeper} (or calls {@link #sweep}).
   */
  public static IndexedLocationService open(
      BindingPersistence persistence, UsageSink usage, Clock clock, LocationConfig config) {
    Instant now = clock.instant();
    persistence.deleteExpired(now);
    Map<String, List<Binding>> loaded = persistence.loadUnexpiredByAor(now);
    IndexedLocationService s =
        new IndexedLocationService(persistence, usage, clock, config, loaded);
    LOG.info(
        "location service loaded {} bindings of {} AORs",
        loaded.values().stream().mapToInt(List::size).sum(),
        loaded.size());
    return s;
  }

  @Override
  public List<Binding> lookup(String aor) {
    List<Binding> list = visible.get(aor);
    if (list == null) {
      return List.of();
    }
    Instant now = clock.instant();
    for (Binding b : list) {
      if (b.expired(now)) {
        return list.stream().filter(x -> !x.expired(now)).toList();
      }
    }
    return list;
  }

  /** Holds what the compute step decided, for after it returns. */
  private static final class Step {
    BindingOutcome outcome;
    boolean queued;
    List<Binding> before;
    boolean lazy;
  }

  @Override
  public CompletionStage<BindingOutcome> update(String aor, BindingUpdate update) {
    CompletableFuture<BindingOutcome> result = new CompletableFuture<>();
    Step step = new Step();
    latest.compute(
        aor,
        (key, cur) -> {
          Instant now = clock.instant();
          List<Binding> all = cur == null ? List.of() : cur;
          List<Binding> live = new ArrayList<>(all.size());
          List<BindingChange> expired = new ArrayList<>();
          for (Binding b : all) {
            if (b.expired(now)) {
              expired.add(new BindingChange(RegistrationEvent.Kind.EXPIRED, b));
            } else {
              live.add(b);
            }
          }
          BindingOutcome outcome = update.apply(List.copyOf(live), now);
          step.outcome = outcome;
          if (!(outcome instanceof BindingOutcome.Changed changed)) {
            return cur;
          }
          if (changed.changes().isEmpty() && expired.isEmpty()) {
            return cur;
          }
          List<Binding> next = sorted(changed.bindings());
          List<BindingChange> changes = new ArrayList<>(expired);
          changes.addAll(changed.changes());
          BindingOutcome.Changed done = new BindingOutcome.Changed(next, changes);
          step.outcome = done;
          if (expired.isEmpty() && cur != null && cur == visible.get(key)) {
            if (onlyExtends(changed.changes(), cur)) {
              // Nothing in flight for this AOR, and the change moves only expiry times.
              visible.put(key, next);
              step.before = cur;
              step.lazy = true;
              return next;
            }
          }
          boolean accepted =
              writer.submit(
                  new AorSnapshot(aor, next),
                  error -> committed(aor, cur, next, done, error, result));
          if (!accepted) {
            step.outcome = new BindingOutcome.Refused(503, "Registrar Busy");
            return cur;
          }
          step.queued = true;
          return next.isEmpty() ? null : next;
        });
    if (step.lazy) {
      writer.writeLazily(aor);
      BindingOutcome.Changed done = (BindingOutcome.Changed) step.outcome;
      reportUsage(done, step.before);
      result.complete(done);
    } else if (!step.queued) {
      result.complete(step.outcome);
    }
    return result;
  }

  /**
   * Whether every change refreshes a durable binding without changing where it routes: the same
   * contact, flow, Path and q-value, only a later expiry. The Call-ID may differ: a crash that
   * forgets it leaves the older Call-ID and CSeq, which only order later REGISTERs.
   */
  private static boolean onlyExtends(List<BindingChange> changes, List<Binding> durable) {
    for (BindingChange c : changes) {
      if (c.kind() != RegistrationEvent.Kind.REFRESHED || !extendsOneOf(c.binding(), durable)) {
        return false;
      }
    }
    return true;
  }

  private static boolean extendsOneOf(Binding refreshed, List<Binding> durable) {
    for (Binding b : durable) {
      if (b.contactText().equals(refreshed.contactText())) {
        return b.source().equals(refreshed.source())
            && b.path().equals(refreshed.path())
            && b.qMillis() == refreshed.qMillis()
            && !refreshed.expiresAt().isBefore(b.expiresAt());
      }
    }
    return false;
  }

  /** Runs on the writer thread, in the order the snapshots were queued. */
  private void committed(
      String aor,
      List<Binding> before,
      List<Binding> next,
      BindingOutcome.Changed outcome,
      Throwable error,
      CompletableFuture<BindingOutcome> result) {
    if (error != null) {
      // Undo the tentative state unless a later update already replaced it (RFC 3261 §10.3 step 7).
      latest.compute(aor, (k, cur) -> (cur == null ? next.isEmpty() : cur == next) ? before : cur);
      result.completeExceptionally(error);
      return;
    }
    if (next.isEmpty()) {
      visible.remove(aor);
    } else {
      visible.put(aor, next);
    }
    reportUsage(outcome, before);
    result.complete(outcome);
  }

  private void reportUsage(BindingOutcome.Changed outcome, List<Binding> before) {
    Instant now = clock.instant();
    for (BindingChange c : outcome.changes()) {
      if (c.kind() != RegistrationEvent.Kind.REFRESHED || firstInItsQuarter(c.binding(), before)) {
        usage.accept(event(c, now));
      }
    }
  }

  private static final long QUARTER_HOUR_MILLIS = 15 * 60_000L;

  /**
   * Whether a refresh is the binding's first in its quarter of an hour (UTC). Phones refresh every
   * few minutes to an hour, and a benchmark many times a second: usage needs to know on which days
   * a binding was alive, and every time zone's midnight falls on a quarter hour, so one event per
   * binding per quarter hour keeps every daily and weekly figure while writing a fraction of rows.
   */
  static boolean firstInItsQuarter(Binding refreshed, List<Binding> before) {
    if (before == null) {
      return true;
    }
    for (Binding b : before) {
      if (b.contactText().equals(refreshed.contactText())) {
        return b.updatedAt().toEpochMilli() / QUARTER_HOUR_MILLIS
            != refreshed.updatedAt().toEpochMilli() / QUARTER_HOUR_MILLIS;
      }
    }
    return true;
  }

  static RegistrationEvent event(BindingChange c, Instant now) {
    Binding b = c.binding();
    return new RegistrationEvent(
        AorSnapshot.domainOf(b.aor()),
        b.aor(),
        b.contact().uri().toString(),
        c.kind(),
        now,
        b.source().transport().name(),
        b.sourceAddress(),
        b.userAgent());
  }

  /** Calls {@code each} with every AOR's acknowledged bindings (expired ones included). */
  public void forEachDurable(java.util.function.BiConsumer<String, List<Binding>> each) {
    visible.forEach(each);
  }

  /** The acknowledged binding sets, as a view that follows later changes. */
  private java.util.Iterator<AorSnapshot> durableSnapshots() {
    var entries = visible.entrySet().iterator();
    return new java.util.Iterator<>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public AorSnapshot next() {
        Map.Entry<String, List<Binding>> e = entries.next();
        return new AorSnapshot(e.getKey(), e.getValue());
      }
    };
  }

  /**
   * Takes over bindings stored elsewhere (the table used before the journal) for AORs that have
   * none here; completes once they are durable.
   */
  public CompletableFuture<Void> adopt(List<Binding> bindings) {
    Map<String, List<Binding>> byAor = new java.util.HashMap<>();
    for (Binding b : bindings) {
      byAor.computeIfAbsent(b.aor(), k -> new ArrayList<>()).add(b);
    }
    List<CompletableFuture<BindingOutcome>> writes = new ArrayList<>();
    byAor.forEach(
        (aor, list) ->
            writes.add(
                update(
                        aor,
                        (current, now) ->
                            current.isEmpty()
                                ? new BindingOutcome.Changed(
                                    list,
                                    list.stream()
                                        .map(
                                            b ->
                                                new BindingChange(
                                                    RegistrationEvent.Kind.REFRESHED, b))
                                        .toList())
                                : new BindingOutcome.Changed(current, List.of()))
                    .toCompletableFuture()));
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }

  /** Drops expired bindings from memory and the database, reporting each as EXPIRED. */
  public void sweep() {
    Instant now = clock.instant();
    // Visits every AOR each interval, so no stream per AOR: with 1,000,000 AORs the streams'
    // set-up alone was most of the sweep's CPU.
    for (Map.Entry<String, List<Binding>> e : latest.entrySet()) {
      List<Binding> bindings = e.getValue();
      for (int i = 0; i < bindings.size(); i++) {
        if (bindings.get(i).expired(now)) {
          update(e.getKey(), BindingUpdate.NONE);
          break;
        }
      }
    }
  }

  /** How many AORs have bindings, durable or not yet. */
  public int size() {
    return latest.size();
  }

  /** The writer, for its counters. */
  public GroupCommitWriter writer() {
    return writer;
  }

  BindingPersistence persistence() {
    return persistence;
  }

  static List<Binding> sorted(List<Binding> list) {
    List<Binding> copy = new ArrayList<>(list);
    copy.sort(ORDER);
    return List.copyOf(copy);
  }

  /** Writes what is queued, stops the writer and closes the persistence. */
  @Override
  public void close() {
    writer.close();
    persistence.close();
  }
}
