package dev.switchboard.sip.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds CR and LF in a message's bytes eight at a time: the parser's line scan was a fifth of the
 * time to read a request's routing headers when it went byte by byte.
 */
final class LineBreaks {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long CRS = ONES * '\r';
  private static final long LFS = ONES * '\n';

  private LineBreaks() {}

  /** Index of the first CR or LF in {@code [p, n)}, or {@code n}. */
  static int lineEnd(byte[] b, int p, int n) {
    while (p + 8 <= n) {
      long word = (long) LONGS.get(b, p);
      long found = zeroBytes(word ^ CRS) | zeroBytes(word ^ LFS);
      if (found != 0) {
        return p + (Long.numberOfTrailingZeros(found) >>> 3);
      }
      p += 8;
    }
    while (p < n && b[p] != '\r' && b[p] != '\n') {
      p++;
    }
    return p;
  }

  /** Index of the first LF in {@code [p, n)}, or {@code n}. */
  static int nextLf(byte[] b, int p, int n) {
    while (p + 8 <= n) {
      long found = zeroBytes((long) LONGS.get(b, p) ^ LFS);
      if (found != 0) {
        return p + (Long.numberOfTrailingZeros(found) >>> 3);
      }
      p += 8;
    }
    while (p < n && b[p] != '\n') {
      p++;
    }
    return p;
  }

  /**
   * The high bit of each zero byte of {@code v}, and possibly of bytes above the lowest zero byte
   * (a borrow can carry past it), so only the lowest set bit is exact: the scans need no more.
   */
  private static long zeroBytes(long v) {
    return (v - ONES) & ~v & HIGHS;
  }
}
