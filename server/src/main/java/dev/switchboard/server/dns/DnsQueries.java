package dev.switchboard.server.dns;

import dev.switchboard.server.dns.RecordCache.Question;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/**
 * Asks the resolver one question at a time without blocking the caller, remembers the answers for
 * their TTL and negative ones briefly, and shares one query among callers asking the same at once.
 * A query that fails or times out answers "no records", so the locator moves on to what is left.
 */
final class DnsQueries {
  private static final Logger log = LoggerFactory.getLogger(DnsQueries.class);

  /** How long an unanswered or refused query is remembered: long enough to shed a flood. */
  private static final long FAILURE_SECONDS = 5;

  private final Resolver resolver;
  private final DnsSettings settings;
  private final RecordCache cache;
  private final ConcurrentHashMap<Question, CompletableFuture<List<Record>>> pending =
      new ConcurrentHashMap<>();

  DnsQueries(DnsSettings settings, Clock clock) {
    this.settings = settings;
    this.resolver = resolver(settings);
    this.cache = new RecordCache(clock, settings.maxEntries());
  }

  private static Resolver resolver(DnsSettings settings) {
    ExtendedResolver r;
    if (settings.servers().isEmpty()) {
      r = new ExtendedResolver(); // the system's resolvers, as the JDK's own lookups use
    } else {
      r =
          new ExtendedResolver(
              settings.servers().stream().<Resolver>map(SimpleResolver::new).toList());
    }
    r.setRetries(1);
    r.setTimeout(settings.timeout());
    return r;
  }

  /** The records of {@code type} for {@code name}; empty when there are none or no answer came. */
  CompletableFuture<List<Record>> query(Name name, int type) {
    Question q = new Question(name, type);
    List<Record> known = cache.get(q);
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    CompletableFuture<List<Record>> mine = new CompletableFuture<>();
    CompletableFuture<List<Record>> running = pending.putIfAbsent(q, mine);
    if (running != null) {
      return running;
    }
    ask(q)
        .whenComplete(
            (records, error) -> {
              pending.remove(q, mine);
              mine.complete(records != null ? records : List.of());
            });
    return mine;
  }

  private CompletableFuture<List<Record>> ask(Question q) {
    CompletableFuture<Message> answer;
    try {
      answer =
          resolver
              .sendAsync(Message.newQuery(Record.newRecord(q.name(), q.type(), DClass.IN)))
              .toCompletableFuture();
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    // The resolver has its own timeout; this one is the guard that nothing waits longer.
    return answer
        .orTimeout(settings.timeout().toMillis() * 2 + 100, TimeUnit.MILLISECONDS)
        .handle(
            (m, error) -> {
              if (error != null) {
                log.debug("no answer for {} {}: {}", q.name(), q.type(), error.toString());
                cache.put(q, List.of(), Math.min(FAILURE_SECONDS, negativeSeconds()));
                return List.of();
              }
              return remember(q, m);
            });
  }

  private List<Record> remember(Question q, Message m) {
    int rcode = m.getRcode();
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      // SERVFAIL, REFUSED: the domain may answer better in a moment.
      cache.put(q, List.of(), Math.min(FAILURE_SECONDS, negativeSeconds()));
      return List.of();
    }
    List<Record> records = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    for (Record r : m.getSection(Section.ANSWER)) {
      if (r.getType() == q.type()) {
        records.add(r);
        ttl = Math.min(ttl, r.getTTL());
      }
    }
    if (records.isEmpty()) {
      cache.put(q, List.of(), negativeSeconds());
    } else {
      cache.put(q, records, Math.min(ttl, settings.maxTtl().toSeconds()));
    }
    return records;
  }

  private long negativeSeconds() {
    return settings.negativeTtl().toSeconds();
  }

  int cached() {
    return cache.size();
  }
}
