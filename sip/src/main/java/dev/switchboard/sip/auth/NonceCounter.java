package dev.switchboard.sip.auth;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The highest nonce count (RFC 7616 §3.4 nc) accepted per nonce, so a captured request cannot be
 * replayed; bounded in size and forgetting each nonce once it has expired.
 */
public final class NonceCounter {
  /** Default bound on remembered nonces. */
  public static final int DEFAULT_CAPACITY = 1_000_000;

  // Entries outlive their nonce a little, so a request checked just before expiry cannot find its
  // entry already swept and start a fresh count.
  private static final long GRACE_MILLIS = 10_000;

  private static final class Entry {
    final String nonce;
    final long issuedAt;
    final long expiresAt;
    long highest; // guarded by the map's per-key lock (only changed inside compute)

    Entry(String nonce, long issuedAt, long expiresAt, long highest) {
      this.nonce = nonce;
      this.issuedAt = issuedAt;
      this.expiresAt = expiresAt;
      this.highest = highest;
    }
  }

  private final Clock clock;
  private final int capacity;
  private final ConcurrentHashMap<String, Entry> seen = new ConcurrentHashMap<>();
  // Entries in the order first seen, which is close to expiry order as all share one lifetime.
  private final ConcurrentLinkedQueue<Entry> order = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final ReentrantLock sweeping = new ReentrantLock();
  // Nonces issued at or before this instant were forgotten early (capacity): refuse them all
  // rather than accept a replay of one we no longer remember.
  private final AtomicLong forgottenUpTo = new AtomicLong(Long.MIN_VALUE);

  public NonceCounter(Clock clock, int capacity) {
    this.clock = Objects.requireNonNull(clock);
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  /**
   * Records {@code count} for a nonce if it is higher than any count accepted before; false for a
   * replay (or a nonce forgotten early under pressure, which must be refreshed). A first use
   * accepts any count ≥ 0, so the RFC 2069 form (count 0) is accepted exactly once per nonce.
   */
  public boolean advance(String nonce, long count, long issuedAt, long expiresAt) {
    if (clock.millis() >= expiresAt) {
      return false;
    }
    boolean[] accepted = {false};
    Entry[] created = {null};
    seen.compute(
        nonce,
        (k, e) -> {
          if (e == null) {
            if (issuedAt <= forgottenUpTo.get()) {
              return null;
            }
            accepted[0] = true;
            created[0] = new Entry(k, issuedAt, expiresAt, count);
            return created[0];
          }
          if (count > e.highest) {
            e.highest = count;
            accepted[0] = true;
          }
          return e;
        });
    if (created[0] != null) {
      order.add(created[0]);
      size.incrementAndGet();
    }
    sweep();
    return accepted[0];
  }

  /**
   * Makes a nonce useless from now on: after a wrong answer the client must take a fresh challenge,
   * so one nonce never serves a series of guesses.
   */
  public void burn(String nonce, long issuedAt, long expiresAt) {
    if (clock.millis() >= expiresAt) {
      return;
    }
    Entry[] created = {null};
    seen.compute(
        nonce,
        (k, e) -> {
          if (e == null) {
            created[0] = new Entry(k, issuedAt, expiresAt, Long.MAX_VALUE);
            return created[0];
          }
          e.highest = Long.MAX_VALUE;
          return e;
        });
    if (created[0] != null) {
      order.add(created[0]);
      size.incrementAndGet();
    }
    sweep();
  }

  /** How many nonces are remembered. */
  public int size() {
    return size.get();
  }

  /** Drops expired entries, and the oldest ones beyond capacity; one thread at a time. */
  private void sweep() {
    if (!sweeping.tryLock()) {
      return;
    }
    try {
      long now = clock.millis();
      Entry head;
      while ((head = order.peek()) != null
          && (head.expiresAt + GRACE_MILLIS <= now || size.get() > capacity)) {
        order.poll();
        seen.remove(head.nonce, head);
        size.decrementAndGet();
        if (head.expiresAt + GRACE_MILLIS > now) {
          long issued = head.issuedAt;
          forgottenUpTo.accumulateAndGet(issued, Math::max);
        }
      }
    } finally {
      sweeping.unlock();
    }
  }
}
