package dev.switchboard.sip.transaction;

import dev.switchboard.sip.transport.Endpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The Completed state of finished non-INVITE server transactions over UDP (RFC 3261 §17.2.2, timer
 * J): the final response's bytes, where they went and the request's key, written one after another
 * into large byte arrays, so a retransmitted request is answered again while nothing of the
 * transaction stays on the heap as objects.
 *
 * <p>Kept as objects (a map entry, a key, the bytes, an address and a timer per response), the 32 s
 * of timer J made them most of what every young collection had to copy under REGISTER load. Here
 * they cost the collector nothing: slabs hold no references, and the index is two arrays of longs.
 * Entries are found by a hash of the key in an open-addressing index and end by time, exactly at
 * timer J; the index is rebuilt from empty every timer J, so stale slots never pile up. When the
 * slabs are full the oldest entries go early: a request retransmitted after that is handled afresh,
 * as a stateless server would.
 */
final class CompletedEchoes {

  /** A final response as sent, and where it went. */
  record Echo(byte[] wire, Endpoint to) {}

  /** Large enough for the largest UDP datagram and its key. */
  static final int SLAB_BYTES = 1 << 20;

  /** 64 MiB: timer J's 32 s at about 3,500 responses a second, a quarter of that at 14,000. */
  static final int DEFAULT_SLABS = 64;

  private static final int HEADER =
      8 + 4 + 4 + 1 + 4; // kept at, key length, wire length, family, port
  private static final int INITIAL_INDEX = 1 << 10;
  private static final int MAX_INDEX = 1 << 20;

  private final TimerService clock;
  private final long waitNanos;
  private final int maxSlabs;
  private final byte[][] slabs;
  private final long[] slabLastKept;
  private long writeSlab = -1; // sequence number of the slab being written
  private int writeOffset = SLAB_BYTES;

  // Two generations of the index; each slot holds an entry's position + 1 (0: empty) and its hash.
  private long[] currentPositions = new long[INITIAL_INDEX];
  private long[] currentHashes = new long[INITIAL_INDEX];
  private int currentUsed;
  private long[] previousPositions = new long[INITIAL_INDEX];
  private long[] previousHashes = new long[INITIAL_INDEX];
  private long generationStarted;

  CompletedEchoes(TimerService clock, Duration wait) {
    this(clock, wait, DEFAULT_SLABS);
  }

  CompletedEchoes(TimerService clock, Duration wait, int maxSlabs) {
    if (maxSlabs < 2) {
      throw new IllegalArgumentException("at least two slabs: " + maxSlabs);
    }
    this.clock = clock;
    this.waitNanos = Math.max(1, wait.toNanos());
    this.maxSlabs = maxSlabs;
    this.slabs = new byte[maxSlabs][];
    this.slabLastKept = new long[maxSlabs];
    this.generationStarted = clock.nanoTime();
  }

  /** Answers retransmissions of {@code key}'s request with {@code wire} for timer J. */
  synchronized void keep(TransactionKey key, byte[] wire, Endpoint to) {
    byte[] k = keyBytes(key);
    byte[] address = to.address().getAddress().getAddress();
    int size = HEADER + k.length + address.length + wire.length;
    if (size > SLAB_BYTES) {
      return; // larger than any UDP datagram: never sent over UDP, so never retransmitted here
    }
    long now = clock.nanoTime();
    rotateIfDue(now);
    if (writeOffset + size > SLAB_BYTES) {
      nextSlab();
    }
    int slot = (int) (writeSlab % maxSlabs);
    byte[] slab = slabs[slot];
    long position = writeSlab * SLAB_BYTES + writeOffset;
    int p = writeOffset;
    p = putLong(slab, p, now);
    p = putInt(slab, p, k.length);
    p = putInt(slab, p, wire.length);
    slab[p++] = (byte) address.length;
    p = putInt(slab, p, to.address().getPort());
    System.arraycopy(k, 0, slab, p, k.length);
    p += k.length;
    System.arraycopy(address, 0, slab, p, address.length);
    p += address.length;
    System.arraycopy(wire, 0, slab, p, wire.length);
    writeOffset = p + wire.length;
    slabLastKept[slot] = now;
    index(hash(k), position);
  }

  /** The bytes to send again for a retransmission of {@code key}'s request, or null. */
  synchronized Echo find(TransactionKey key) {
    if (writeSlab < 0) {
      return null;
    }
    byte[] k = keyBytes(key);
    long h = hash(k);
    long now = clock.nanoTime();
    rotateIfDue(now);
    long position = lookup(currentPositions, currentHashes, h, k, now);
    if (position < 0) {
      position = lookup(previousPositions, previousHashes, h, k, now);
    }
    return position < 0 ? null : read(position, k.length);
  }

  /**
   * How many responses are still answering retransmissions: walks the slabs (tests, diagnostics).
   */
  synchronized int size() {
    long now = clock.nanoTime();
    int n = 0;
    for (long s = Math.max(0, writeSlab - maxSlabs + 1); s <= writeSlab; s++) {
      byte[] slab = slabs[(int) (s % maxSlabs)];
      if (slab == null) {
        continue; // released: all of it ended
      }
      int end = s == writeSlab ? writeOffset : slab.length;
      int p = 0;
      while (p + HEADER <= end && getInt(slab, p + 8) != 0) { // a key is never empty
        if (now - getLong(slab, p) < waitNanos) {
          n++;
        }
        p += HEADER + getInt(slab, p + 8) + getInt(slab, p + 12) + slab[p + 16];
      }
    }
    return n;
  }

  /** How many slabs are allocated now (diagnostics). */
  synchronized int slabsHeld() {
    int n = 0;
    for (byte[] slab : slabs) {
      n += slab == null ? 0 : 1;
    }
    return n;
  }

  private void nextSlab() {
    writeSlab++;
    int slot = (int) (writeSlab % maxSlabs);
    if (slabs[slot] == null) {
      slabs[slot] = new byte[SLAB_BYTES];
    } else {
      Arrays.fill(slabs[slot], (byte) 0); // so a walk of it stops at the new tail
    }
    writeOffset = 0;
    releaseIdleSlabs();
  }

  /**
   * Gives back slabs whose every entry has ended, so an idle server keeps only the one it writes.
   */
  private void releaseIdleSlabs() {
    long now = clock.nanoTime();
    for (long s = Math.max(0, writeSlab - maxSlabs + 1); s < writeSlab; s++) {
      int slot = (int) (s % maxSlabs);
      if (slabs[slot] != null && now - slabLastKept[slot] >= waitNanos) {
        slabs[slot] = null;
      }
    }
  }

  /**
   * Starts a new generation of the index every timer J: the one before it then holds all it must.
   */
  private void rotateIfDue(long now) {
    if (now - generationStarted >= waitNanos) {
      rotate(now);
    }
  }

  private void rotate(long now) {
    long[] positions = previousPositions;
    long[] hashes = previousHashes;
    previousPositions = currentPositions;
    previousHashes = currentHashes;
    // Sized for what the generation just ended held, so a burst's index does not stay for good.
    int length = currentPositions.length;
    if (currentUsed * 8 < length && length > INITIAL_INDEX) {
      length /= 2;
    }
    if (positions.length != length) {
      positions = new long[length];
      hashes = new long[length];
    } else {
      Arrays.fill(positions, 0);
    }
    currentPositions = positions;
    currentHashes = hashes;
    currentUsed = 0;
    generationStarted = now;
  }

  private void index(long h, long position) {
    if ((currentUsed + 1) * 2 > currentPositions.length) {
      if (currentPositions.length < MAX_INDEX) {
        grow();
      } else {
        // More responses in one timer J than the index holds: start afresh, as the slabs would.
        rotate(clock.nanoTime());
      }
    }
    insert(currentPositions, currentHashes, h, position);
    currentUsed++;
  }

  private void grow() {
    long[] oldPositions = currentPositions;
    long[] oldHashes = currentHashes;
    currentPositions = new long[oldPositions.length * 2];
    currentHashes = new long[oldPositions.length * 2];
    for (int i = 0; i < oldPositions.length; i++) {
      if (oldPositions[i] != 0) {
        insert(currentPositions, currentHashes, oldHashes[i], oldPositions[i] - 1);
      }
    }
  }

  private static void insert(long[] positions, long[] hashes, long h, long position) {
    int mask = positions.length - 1;
    int i = (int) h & mask;
    while (positions[i] != 0) {
      i = (i + 1) & mask;
    }
    positions[i] = position + 1;
    hashes[i] = h;
  }

  /** The newest live entry for the key in one generation, or -1. */
  private long lookup(long[] positions, long[] hashes, long h, byte[] k, long now) {
    int mask = positions.length - 1;
    long found = -1;
    for (int i = (int) h & mask; positions[i] != 0; i = (i + 1) & mask) {
      long position = positions[i] - 1;
      if (hashes[i] == h && position > found && live(position, now) && sameKey(position, k)) {
        found = position;
      }
    }
    return found;
  }

  private boolean live(long position, long now) {
    long s = position / SLAB_BYTES;
    if (s <= writeSlab - maxSlabs) {
      return false; // overwritten
    }
    byte[] slab = slabs[(int) (s % maxSlabs)];
    return slab != null && now - getLong(slab, (int) (position % SLAB_BYTES)) < waitNanos;
  }

  private boolean sameKey(long position, byte[] k) {
    byte[] slab = slabs[(int) ((position / SLAB_BYTES) % maxSlabs)];
    int p = (int) (position % SLAB_BYTES);
    return getInt(slab, p + 8) == k.length
        && Arrays.equals(slab, p + HEADER, p + HEADER + k.length, k, 0, k.length);
  }

  private Echo read(long position, int keyLength) {
    byte[] slab = slabs[(int) ((position / SLAB_BYTES) % maxSlabs)];
    int p = (int) (position % SLAB_BYTES);
    int wireLength = getInt(slab, p + 12);
    int addressLength = slab[p + 16];
    int port = getInt(slab, p + 17);
    int a = p + HEADER + keyLength;
    InetAddress address;
    try {
      address = InetAddress.getByAddress(Arrays.copyOfRange(slab, a, a + addressLength));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an echo's address was stored as 4 or 16 bytes", e);
    }
    int w = a + addressLength;
    return new Echo(
        Arrays.copyOfRange(slab, w, w + wireLength),
        Endpoint.udp(new InetSocketAddress(address, port)));
  }

  /** The key as bytes: its fields, one per line (none can hold a line break). */
  static byte[] keyBytes(TransactionKey key) {
    String text;
    if (key instanceof TransactionKey.Server s) {
      text = s.branch() + '\n' + s.sentBy() + '\n' + s.method();
    } else if (key instanceof TransactionKey.Rfc2543 r) {
      text =
          String.join(
              "\n",
              r.requestUri(),
              String.valueOf(r.toTag()),
              String.valueOf(r.fromTag()),
              r.callId(),
              Long.toString(r.cseq()),
              r.method(),
              r.topVia());
    } else {
      TransactionKey.Client c = (TransactionKey.Client) key;
      text = c.branch() + '\n' + c.method();
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** FNV-1a, then mixed so the low bits index well. */
  private static long hash(byte[] k) {
    long h = 0xcbf29ce484222325L;
    for (byte b : k) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }

  private static int putLong(byte[] b, int p, long v) {
    for (int i = 7; i >= 0; i--) {
      b[p++] = (byte) (v >>> (i * 8));
    }
    return p;
  }

  private static int putInt(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
    return p + 4;
  }

  private static long getLong(byte[] b, int p) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[p + i] & 0xff);
    }
    return v;
  }

  private static int getInt(byte[] b, int p) {
    return (b[p] & 0xff) << 24
        | (b[p + 1] & 0xff) << 16
        | (b[p + 2] & 0xff) << 8
        | (b[p + 3] & 0xff);
  }
}
