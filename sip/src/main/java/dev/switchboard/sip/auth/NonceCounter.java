package dev.switchboard.sip.auth;

import java.time.Clock;
import java.util.Objects;

/**
 * The highest nonce count (RFC 7616 §3.4 nc) accepted per nonce, so a captured request cannot be
 * replayed. Counts live in a fixed ring indexed by the nonce's serial (see {@link NonceFactory}): a
 * slot belongs to the newest serial that used it, and a nonce whose slot a newer one took is
 * refused as forgotten (the client answers a fresh, stale challenge). Memory is fixed whatever the
 * rate, where a map entry per nonce grew with it for the nonce's whole lifetime.
 */
public final class NonceCounter {
  /** Default ring size: at 12,000 challenges a second a slot is reused after 87 s. */
  public static final int DEFAULT_CAPACITY = 1 << 20;

  private static final int STRIPES = 64;

  private final Clock clock;
  private final int mask;
  // owner[i] is the serial whose counts slot i holds (0: none yet), highest[i] its highest count.
  private final long[] owner;
  private final long[] highest;
  private final Object[] locks = new Object[STRIPES];

  /**
   * @param capacity slots in the ring, rounded up to a power of two
   */
  public NonceCounter(Clock clock, int capacity) {
    this.clock = Objects.requireNonNull(clock);
    if (capacity < 1 || capacity > 1 << 26) {
      throw new IllegalArgumentException("capacity must be between 1 and 2^26");
    }
    int size = Integer.highestOneBit(capacity);
    if (size < capacity) {
      size <<= 1;
    }
    this.mask = size - 1;
    this.owner = new long[size];
    this.highest = new long[size];
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /**
   * Records {@code count} for the nonce numbered {@code serial} if it is higher than any count
   * accepted for it before; false for a replay, an expired nonce, or one forgotten because its slot
   * was reused. A first use accepts any count ≥ 0, so the RFC 2069 form (count 0) is accepted
   * exactly once per nonce.
   */
  public boolean advance(long serial, long count, long expiresAt) {
    if (serial <= 0 || clock.millis() >= expiresAt) {
      return false;
    }
    int slot = (int) (serial & mask);
    synchronized (locks[slot & (STRIPES - 1)]) {
      long held = owner[slot];
      if (held > serial) {
        return false;
      }
      if (held < serial) {
        owner[slot] = serial;
        highest[slot] = count;
        return true;
      }
      if (count > highest[slot]) {
        highest[slot] = count;
        return true;
      }
      return false;
    }
  }

  /**
   * Makes a nonce useless from now on: after a wrong answer the client must take a fresh challenge,
   * so one nonce never serves a series of guesses.
   */
  public void burn(long serial, long expiresAt) {
    if (serial <= 0 || clock.millis() >= expiresAt) {
      return;
    }
    int slot = (int) (serial & mask);
    synchronized (locks[slot & (STRIPES - 1)]) {
      if (owner[slot] <= serial) {
        owner[slot] = serial;
        highest[slot] = Long.MAX_VALUE;
      }
    }
  }

  /** Slots in the ring: how many recent nonces keep their counts. */
  public int size() {
    return mask + 1;
  }
}
