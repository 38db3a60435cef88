package dev.switchboard.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.transport.Endpoint;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CompletedEchoesTest {
  private final VirtualClock clock = new VirtualClock();
  private final Endpoint v4 = Endpoint.udp(new InetSocketAddress("192.0.2.7", 5070));
  private final Endpoint v6 = Endpoint.udp(new InetSocketAddress("2001:db8::9", 5080));

  private static TransactionKey key(int i) {
    return new TransactionKey.Server("z9hG4bK" + i, "192.0.2.7:5070", "REGISTER");
  }

  private static byte[] wire(int i, int size) {
    byte[] b = new byte[size];
    byte[] head = ("SIP/2.0 200 OK #" + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, b, 0, Math.min(head.length, size));
    return b;
  }

  @Test
  void aKeptResponseIsFoundWithItsDestinationUntilTimerJAndNotAfter() {
    CompletedEchoes echoes = new CompletedEchoes(clock, Duration.ofSeconds(32));
    echoes.keep(key(1), wire(1, 400), v4);
    echoes.keep(key(2), wire(2, 500), v6);
    clock.advanceTo(Duration.ofMillis(31_999));
    CompletedEchoes.Echo one = echoes.find(key(1));
    assertThat(one.wire()).isEqualTo(wire(1, 400));
    assertThat(one.to()).isEqualTo(v4);
    assertThat(echoes.find(key(2)).to()).isEqualTo(v6);
    assertThat(echoes.find(key(3))).isNull();
    assertThat(echoes.size()).isEqualTo(2);
    clock.advanceTo(Duration.ofSeconds(32));
    assertThat(echoes.find(key(1))).isNull();
    assertThat(echoes.size()).isZero();
  }

  @Test
  void keysDifferingOnlyInSentByOrMethodAreDifferentTransactions() {
    CompletedEchoes echoes = new CompletedEchoes(clock, Duration.ofSeconds(32));
    echoes.keep(new TransactionKey.Server("z9hG4bKa", "h1:5060", "REGISTER"), wire(1, 100), v4);
    assertThat(echoes.find(new TransactionKey.Server("z9hG4bKa", "h2:5060", "REGISTER"))).isNull();
    assertThat(echoes.find(new TransactionKey.Server("z9hG4bKa", "h1:5060", "OPTIONS"))).isNull();
    assertThat(echoes.find(new TransactionKey.Server("z9hG4bKa", "h1:5060", "REGISTER")))
        .isNotNull();
  }

  @Test
  void everyEntryOutlivesTheIndexRotationsForItsWholeTimerJ() {
    CompletedEchoes echoes = new CompletedEchoes(clock, Duration.ofSeconds(32));
    // One response every 100 ms over 100 s: each must be found 31.9 s after it was kept.
    for (int i = 0; i < 1_000; i++) {
      clock.advanceTo(Duration.ofMillis(100L * i));
      echoes.keep(key(i), wire(i, 300), v4);
      if (i >= 319) {
        int old = i - 319;
        assertThat(echoes.find(key(old))).as("kept at %d ms", 100 * old).isNotNull();
        assertThat(echoes.find(key(old - 1))).as("kept at %d ms", 100 * (old - 1)).isNull();
      }
    }
  }

  @Test
  void theIndexGrowsPastItsFirstSizeAndFindsEveryEntry() {
    CompletedEchoes echoes = new CompletedEchoes(clock, Duration.ofSeconds(32));
    for (int i = 0; i < 20_000; i++) {
      echoes.keep(key(i), wire(i, 200), v4);
    }
    for (int i = 0; i < 20_000; i++) {
      assertThat(echoes.find(key(i)).wire()).isEqualTo(wire(i, 200));
    }
    assertThat(echoes.size()).isEqualTo(20_000);
  }

  @Test
  void whenTheSlabsAreFullTheOldestGoFirstAndTheRestAreStillFound() {
    // Two slabs of 1 MiB hold about 3,400 entries of 600 bytes; keep 10,000.
    CompletedEchoes echoes = new CompletedEchoes(clock, Duration.ofSeconds(32), 2);
    for (int i = 0; i < 10_000; i++) {
      echoes.keep(key(i), wire(i, 600), v4);
    }
    assertThat(echoes.find(key(0))).isNull();
    assertThat(echoes.find(key(9_999)).wire()).isEqualTo(wire(9_999, 600));
    assertThat(echoes.find(key(9_000)).wire()).isEqualTo(wire(9_000, 600));
    int live = echoes.size();
    assertThat(live).isBetween(1_600, 3_500);
    for (int i = 10_000 - live; i < 10_000; i++) {
      assertThat(echoes.find(key(i))).as("entry %d", i).isNotNull();
    }
  }

  @Test
  void theNewestResponseForAKeyWins() {
    CompletedEchoes echoes = new CompletedEchoes(clock, Duration.ofSeconds(32));
    echoes.keep(key(1), wire(1, 100), v4);
    echoes.keep(key(1), wire(2, 100), v4);
    assertThat(echoes.find(key(1)).wire()).isEqualTo(wire(2, 100));
  }

  @Test
  void aLargestDatagramFitsAndRfc2543KeysWork() {
    CompletedEchoes echoes = new CompletedEchoes(clock, Duration.ofSeconds(32));
    TransactionKey old =
        new TransactionKey.Rfc2543(
            "sip:bob@example.com", null, "f1", "call-1", 7, "OPTIONS", "SIP/2.0/UDP h:5060");
    echoes.keep(old, wire(1, 65_507), v4);
    assertThat(echoes.find(old).wire()).hasSize(65_507);
    assertThat(
            echoes.find(
                new TransactionKey.Rfc2543(
                    "sip:bob@example.com",
                    null,
                    "f1",
                    "call-1",
                    8,
                    "OPTIONS",
                    "SIP/2.0/UDP h:5060")))
        .isNull();
  }

  @Test
  void anIdleServerGivesBackItsSlabs() {
    CompletedEchoes echoes = new CompletedEchoes(clock, Duration.ofSeconds(32), 4);
    for (int i = 0; i < 4_500; i++) {
      echoes.keep(key(i), wire(i, 600), v4); // 2.8 slabs of about 1,600 entries
    }
    assertThat(echoes.slabsHeld()).isEqualTo(3);
    clock.advanceTo(Duration.ofSeconds(40));
    for (int i = 0; i < 1_000; i++) {
      echoes.keep(key(100_000 + i), wire(i, 600), v4); // onto the next slab: the first two idle
    }
    assertThat(echoes.size()).isEqualTo(1_000);
    assertThat(echoes.slabsHeld()).isEqualTo(2); // the one written before and the one written now
    assertThat(echoes.find(key(4_499))).isNull();
    assertThat(echoes.find(key(100_000))).isNotNull();
  }
}
