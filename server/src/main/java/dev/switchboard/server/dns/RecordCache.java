package dev.switchboard.server.dns;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The answers of earlier queries until their TTL runs out, at most a fixed number of them (the
 * least recently used goes first), so a flood of calls to made-up domains cannot grow it.
 */
final class RecordCache {

  /** One question: a name and a record type. */
  record Question(Name name, int type) {}

  private record Entry(List<Record> records, Instant expires) {}

  private final Clock clock;
  private final int maxEntries;
  private final LinkedHashMap<Question, Entry> entries;

  RecordCache(Clock clock, int maxEntries) {
    this.clock = clock;
    this.maxEntries = maxEntries;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Question, Entry> eldest) {
            return size() > RecordCache.this.maxEntries;
          }
        };
  }

  /** The remembered answer (possibly empty: a negative one), or null when none is fresh. */
  synchronized List<Record> get(Question q) {
    Entry e = entries.get(q);
    if (e == null) {
      return null;
    }
    if (!clock.instant().isBefore(e.expires())) {
      entries.remove(q);
      return null;
    }
    return e.records();
  }

  /** Remembers {@code records} for {@code seconds}; nothing is kept for 0. */
  synchronized void put(Question q, List<Record> records, long seconds) {
    if (seconds <= 0) {
      return;
    }
    entries.put(q, new Entry(List.copyOf(records), clock.instant().plusSeconds(seconds)));
  }

  synchronized int size() {
    return entries.size();
  }
}
