package dev.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceptionStatisticsTest {

  private static final long FRAME = 20_000_000L; // 20 ms in ns

  @Test
  void countsLossAcrossASequenceWrap() {
    ReceptionStatistics stats = new ReceptionStatistics(1, 8000, 65_530);
    int seq = 65_530;
    long t = 0;
    for (int i = 0; i < 20; i++, seq = (seq + 1) & 0xFFFF, t += FRAME) {
      if (i == 8 || i == 9 || i == 15) {
        continue; // lost
      }
      stats.onPacket(seq, 160L * i, 160, t);
    }
    // the first packet is the A.1 probation packet and not counted
    assertThat(stats.expected()).isEqualTo(19);
    assertThat(stats.received()).isEqualTo(16);
    assertThat(stats.cumulativeLost()).isEqualTo(3);
    assertThat(stats.extendedHighestSequence()).isEqualTo(65_536 + 13);
    ReportBlock block = stats.reportBlock(t);
    assertThat(block.fractionLost()).isEqualTo(3 * 256 / 19);
    assertThat(block.cumulativeLost()).isEqualTo(3);
    // the next interval starts afresh
    stats.onPacket(seq, 160L * 20, 160, t);
    assertThat(stats.reportBlock(t).fractionLost()).isZero();
  }

  @Test
  void reorderedAndDuplicatePacketsAreCountedNotLost() {
    ReceptionStatistics stats = new ReceptionStatistics(1, 8000, 100);
    int[] order = {100, 101, 103, 102, 104, 104, 105};
    for (int seq : order) {
      stats.onPacket(seq, 160L * (seq - 100), 160, 0);
    }
    assertThat(stats.expected()).isEqualTo(5); // 101..105
    assertThat(stats.received()).isEqualTo(6); // the duplicate counts, as in A.1
    assertThat(stats.cumulativeLost()).isEqualTo(-1);
    assertThat(stats.duplicatesOrReordered()).isEqualTo(2);
  }

  @Test
  void aSourceThatRestartsFarAwayIsAcceptedOnItsSecondPacket() {
    ReceptionStatistics stats = new ReceptionStatistics(1, 8000, 10);
    for (int seq = 10; seq < 20; seq++) {
      stats.onPacket(seq, 0, 160, 0);
    }
    assertThat(stats.onPacket(40_000, 0, 160, 0)).isFalse();
    assertThat(stats.onPacket(40_001, 0, 160, 0)).isTrue();
    assertThat(stats.extendedHighestSequence()).isEqualTo(40_001);
  }

  @Test
  void jitterConvergesToTheMeanTransitDifference() {
    ReceptionStatistics stats = new ReceptionStatistics(1, 8000, 0);
    // packets every 20 ms; arrivals alternate 0 and 10 ms late: |D| = 80 units every time
    for (int i = 0; i < 400; i++) {
      long arrival = i * FRAME + (i % 2 == 0 ? 0 : 10_000_000L);
      stats.onPacket(i, 160L * i, 160, arrival);
    }
    assertThat(stats.jitter()).isBetween(78L, 80L);
    assertThat(stats.jitterMillis()).isBetween(9.7, 10.0);
  }

  @Test
  void noJitterForPerfectlyPacedPacketsEvenAcrossATimestampWrap() {
    long start = 0xFFFF_FFFFL - 160 * 10;
    ReceptionStatistics stats = new ReceptionStatistics(1, 8000, 0);
    for (int i = 0; i < 50; i++) {
      stats.onPacket(i, (start + 160L * i) & 0xFFFF_FFFFL, 160, 1_000_000_000L + i * FRAME);
    }
    assertThat(stats.jitter()).isZero();
  }

  @Test
  void reportsLsrAndDelaySinceTheLastSenderReport() {
    ReceptionStatistics stats = new ReceptionStatistics(1, 8000, 0);
    long ntp = 0x0001_2345_6789_0000L;
    stats.onSenderReport(ntp, 1_000_000_000L);
    ReportBlock block = stats.reportBlock(1_500_000_000L);
    assertThat(block.lastSenderReport()).isEqualTo(0x2345_6789L);
    assertThat(block.delaySinceLastSenderReport()).isEqualTo(32768);
  }
}
