package dev.switchboard.sip.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LineBreaksTest {
  /** The word-at-a-time scans agree with a byte-by-byte one at every offset and alignment. */
  @Test
  void findsTheSameBreaksAsAByteByByteScan() {
    Random random = new Random(7);
    byte[] alphabet = {'a', '\r', '\n', (byte) 0x8d, (byte) 0x8a, (byte) 0xff, 0, 1, ' ', 0x0c};
    for (int round = 0; round < 2_000; round++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
      }
      for (int from = 0; from <= b.length; from++) {
        for (int to = from; to <= b.length; to++) {
          assertEquals(slowLineEnd(b, from, to), LineBreaks.lineEnd(b, from, to));
          assertEquals(slowNextLf(b, from, to), LineBreaks.nextLf(b, from, to));
        }
      }
    }
  }

  private static int slowLineEnd(byte[] b, int p, int n) {
    while (p < n && b[p] != '\r' && b[p] != '\n') {
      p++;
    }
    return p;
  }

  private static int slowNextLf(byte[] b, int p, int n) {
    while (p < n && b[p] != '\n') {
      p++;
    }
    return p;
  }
}
