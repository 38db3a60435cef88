package dev.switchboard.sip.sigcomp;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encodes one message as the tokens {@code lz-decompressor.udvm} reads: literals, matches back in
 * the ring (earlier messages, then the message itself) and matches into the dictionary strings and
 * the shared state. Greedy with one step of lazy matching over 3-byte hash chains; counts the UDVM
 * cycles the decoder will spend. One instance per message.
 */
final class LzEncoder {
  static final int MIN_MATCH = 3;
  static final int MAX_MATCH = 4398;

  /** The token's INPUT-HUFFMAN (1 + 7 cycles) and the COMPARE after it. */
  private static final int SYMBOL_CYCLES = 9;

  private static final int HASH_BITS = 12;
  private static final int WINDOW_CHAIN = 48;
  private static final int DICTIONARY_CHAIN = 32;
  private static final Map<Integer, Index> DICTIONARY_INDEX = new ConcurrentHashMap<>();

  /**
   * The window's and the shared state's indexes, reused per thread: a message's encoding would
   * otherwise allocate about 40 KB of hash chains.
   */
  private static final ThreadLocal<Index[]> SCRATCH =
      ThreadLocal.withInitial(() -> new Index[] {new Index(0, 0), new Index(0, 0)});

  /** What the encoding produced: the token bytes and the cycles the tokens cost the decoder. */
  record Tokens(byte[] bytes, long cycles, int literals, int ringMatches, int dictionaryMatches) {}

  /**
   * A 3-byte hash chain over the positions from {@code base} of one byte array. Entries hold a
   * position plus one, so that a new (zeroed) array is already empty.
   */
  private static final class Index {
    final int[] head = new int[1 << HASH_BITS];
    int[] prev;
    int base;

    Index(int base, int length) {
      this.base = base;
      this.prev = new int[Math.max(length - base, 1)];
    }

    /**
     * Empties a reused index for positions {@code base…length}. Only the heads need clearing: a
     * chain reaches a {@code prev} entry only after {@link #insert} wrote it.
     */
    Index reset(int base, int length) {
      Arrays.fill(head, 0);
      this.base = base;
      if (prev.length < length - base) {
        prev = new int[length - base];
      }
      return this;
    }

    void insert(byte[] b, int p) {
      int h = hash(b, p);
      prev[p - base] = head[h];
      head[h] = p + 1;
    }

    /** The newest position with {@code b[p…p+2]}'s hash, or -1. */
    int first(byte[] b, int p) {
      return head[hash(b, p)] - 1;
    }

    /** The position before {@code c} in its chain, or -1. */
    int next(int c) {
      return prev[c - base] - 1;
    }
  }

  private final byte[] window;
  private final int start;
  private final int maxOffset;
  private final byte[] positions;
  private final Index dictionary;
  private final Index shared;
  private final Index windowIndex;
  private int indexed;
  private final BitWriter out = new BitWriter();
  private long cycles;
  private int literals;
  private int ringMatches;
  private int dictionaryMatches;

  /**
   * @param ring the ring's bytes as the decoder has them before this message
   * @param oldest where in {@code ring} the oldest byte is (the decoder's write position)
   * @param message the message to encode
   * @param dictionaryStrings the dictionary strings the decoder loads (a suffix of RFC 3485's)
   * @param dictionaryBegin where those strings begin in the dictionary, to share their index
   * @param sharedState the shared state the decoder loads after them; empty for none
   */
  LzEncoder(
      byte[] ring,
      int oldest,
      byte[] message,
      byte[] dictionaryStrings,
      int dictionaryBegin,
      byte[] sharedState) {
    // The window: the ring oldest byte first, then the message.
    this.window = new byte[ring.length + message.length];
    System.arraycopy(ring, oldest, window, 0, ring.length - oldest);
    System.arraycopy(ring, 0, window, ring.length - oldest, oldest);
    System.arraycopy(message, 0, window, ring.length, message.length);
    Index[] scratch = SCRATCH.get();
    this.start = ring.length;
    this.maxOffset = Math.min(ring.length, LzBytecode.MAX_RING);
    if (sharedState.length == 0) {
      this.positions = dictionaryStrings;
      this.shared = null;
    } else {
      this.positions = new byte[dictionaryStrings.length + sharedState.length];
      System.arraycopy(dictionaryStrings, 0, positions, 0, dictionaryStrings.length);
      System.arraycopy(sharedState, 0, positions, dictionaryStrings.length, sharedState.length);
      this.shared = fill(scratch[1].reset(dictionaryStrings.length, positions.length), positions);
    }
    this.dictionary =
        DICTIONARY_INDEX.computeIfAbsent(
            dictionaryBegin, b -> fill(new Index(0, dictionaryStrings.length), dictionaryStrings));
    this.windowIndex = scratch[0].reset(0, window.length);
  }

  private static Index fill(Index index, byte[] b) {
    int from = index.base;
    for (int p = from; p + MIN_MATCH <= b.length; p++) {
      index.insert(b, p);
    }
    return index;
  }

  Tokens encode() {
    int p = start;
    Match pending = find(p);
    while (p < window.length) {
      Match m = pending;
      if (m != null && p + 1 < window.length) {
        Match next = find(p + 1);
        if (next != null && next.gain() > m.gain() + 8) {
          literal(p);
          p++;
          pending = next;
          continue;
        }
      }
      if (m == null) {
        literal(p);
        p++;
      } else {
        emit(m);
        p += m.length;
      }
      pending = p < window.length ? find(p) : null;
    }
    return new Tokens(out.toBytes(), cycles, literals, ringMatches, dictionaryMatches);
  }

  /** A match: {@code offset} back in the window, or at {@code position} among the positions. */
  private record Match(int length, int offset, int position) {
    boolean inRing() {
      return offset > 0;
    }

    int bits() {
      return offset > 0 ? 2 + lengthBits(length) + offsetBits(offset) : 3 + lengthBits(length) + 13;
    }

    /** Bits saved against sending the bytes as literals of about 8 bits each (7 to 11). */
    int gain() {
      return 8 * length - bits();
    }
  }

  private Match find(int p) {
    int limit = Math.min(MAX_MATCH, window.length - p);
    if (limit < MIN_MATCH) {
      return null;
    }
    index(p);
    Match best = null;
    int chain = WINDOW_CHAIN;
    for (int c = windowIndex.first(window, p); c >= 0 && chain-- > 0; c = windowIndex.next(c)) {
      int offset = p - c;
      if (offset > maxOffset) {
        break;
      }
      int n = common(window, c, p, limit);
      if (n >= MIN_MATCH) {
        best = better(best, new Match(n, offset, -1));
      }
    }
    best = searchPositions(dictionary, p, limit, best);
    if (shared != null) {
      best = searchPositions(shared, p, limit, best);
    }
    return best != null && best.gain() > 0 ? best : null;
  }

  private Match searchPositions(Index index, int p, int limit, Match best) {
    int chain = DICTIONARY_CHAIN;
    for (int c = index.first(window, p); c >= 0 && chain-- > 0; c = index.next(c)) {
      int n = 0;
      int max = Math.min(limit, positions.length - c);
      while (n < max && positions[c + n] == window[p + n]) {
        n++;
      }
      if (n >= MIN_MATCH) {
        best = better(best, new Match(n, 0, c));
      }
    }
    return best;
  }

  private static Match better(Match a, Match b) {
    return a == null || b.gain() > a.gain() ? b : a;
  }

  /** Adds window positions before {@code p} to the hash chains. */
  private void index(int p) {
    while (indexed < p && indexed + MIN_MATCH <= window.length) {
      windowIndex.insert(window, indexed++);
    }
  }

  /** How far {@code b[from…]} repeats {@code b[at…]}; the source may run into the match itself. */
  private static int common(byte[] b, int from, int at, int limit) {
    int n = 0;
    while (n < limit && b[from + n] == b[at + n]) {
      n++;
    }
    return n;
  }

  private void literal(int p) {
    int b = window[p] & 0xFF;
    if (b >= 0x60 && b < 0x80) {
      out.write(48 + b - 0x60, 7);
    } else if (b >= 0x30 && b < 0x40) {
      out.write(80 + b - 0x30, 7);
    } else if (b >= 0x20 && b < 0x30) {
      out.write(192 + b - 0x20, 8);
    } else if (b >= 0x40 && b < 0x60) {
      out.write(416 + b - 0x40, 9);
    } else {
      out.write(1792 + b, 11);
    }
    cycles += SYMBOL_CYCLES + 6;
    literals++;
  }

  private void emit(Match m) {
    if (m.inRing()) {
      out.write(0, 2);
      writeLength(m.length);
      writeOffset(m.offset);
      cycles += SYMBOL_CYCLES + 17 + 2L * m.length;
      ringMatches++;
    } else {
      out.write(2, 3);
      writeLength(m.length);
      out.write(m.position, 13);
      cycles += SYMBOL_CYCLES + 13 + 2L * m.length;
      dictionaryMatches++;
    }
  }

  private void writeLength(int n) {
    if (n <= 6) {
      out.write(n - 3, 3);
    } else if (n <= 14) {
      out.write(n - 7 + 16, 5);
    } else if (n <= 46) {
      out.write(n - 15 + 192, 8);
    } else if (n <= 302) {
      out.write(n - 47 + 3584, 12);
    } else {
      out.write(n - 303 + 61440, 16);
    }
  }

  private void writeOffset(int o) {
    if (o <= 64) {
      out.write(o - 1, 7);
    } else if (o <= 320) {
      out.write(o - 65 + 512, 10);
    } else if (o <= 1344) {
      out.write(o - 321 + 6144, 13);
    } else {
      out.write(o - 1345 + 57344, 16);
    }
  }

  static int lengthBits(int n) {
    return n <= 6 ? 3 : n <= 14 ? 5 : n <= 46 ? 8 : n <= 302 ? 12 : 16;
  }

  static int offsetBits(int o) {
    return o <= 64 ? 7 : o <= 320 ? 10 : o <= 1344 ? 13 : 16;
  }

  private static int hash(byte[] b, int p) {
    int v = (b[p] & 0xFF) << 16 | (b[p + 1] & 0xFF) << 8 | b[p + 2] & 0xFF;
    return v * 0x9E3779B1 >>> (32 - HASH_BITS);
  }

  /** Packs bits MSB first, as the decoder reads them with input_bit_order 0. */
  static final class BitWriter {
    private byte[] buf = new byte[256];
    private int bytes;
    private int acc;
    private int bits;

    void write(int value, int count) {
      for (int i = count - 1; i >= 0; i--) {
        acc = acc << 1 | (value >> i & 1);
        if (++bits == 8) {
          put(acc);
          acc = 0;
          bits = 0;
        }
      }
    }

    /**
     * The bytes, the last one padded with 1-bits: seven or fewer of them never complete a token
     * (the shortest code starting with 1 is 8 bits), so the decoder stops there.
     */
    byte[] toBytes() {
      byte[] out = Arrays.copyOf(buf, bytes + (bits > 0 ? 1 : 0));
      if (bits > 0) {
        out[bytes] = (byte) (acc << (8 - bits) | (1 << (8 - bits)) - 1);
      }
      return out;
    }

    private void put(int b) {
      if (bytes == buf.length) {
        buf = Arrays.copyOf(buf, bytes * 2);
      }
      buf[bytes++] = (byte) b;
    }
  }
}
