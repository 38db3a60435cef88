package dev.switchboard.media.rtp;

/**
 * What we know of one remote source's packets (RFC 3550 Appendix A): sequence number validation and
 * wrap counting (A.1), loss for reception reports (A.3) and interarrival jitter (A.8). Not
 * thread-safe: the owner synchronises.
 */
public final class ReceptionStatistics {

  private static final int SEQ_MOD = 1 << 16;
  private static final int MAX_DROPOUT = 3000;
  private static final int MAX_MISORDER = 100;
  private static final int MIN_SEQUENTIAL = 2;

  private final long ssrc;
  private final int clockRate;

  private int maxSeq;
  private long cycles;
  private int baseSeq;
  private int badSeq;
  private int probation;
  private long received;
  private long expectedPrior;
  private long receivedPrior;
  private long octets;
  // A.8 keeps jitter scaled by 16 in an integer so that the 1/16 gain needs no floating point
  private long jitterTimes16;
  private long lastTransit;
  private boolean haveTransit;
  private long duplicatesOrOld;
  private long lastSenderReportMiddle;
  private long lastSenderReportArrivalNanos;
  private boolean haveSenderReport;

  /** Starts on the first packet of a source, in probation as A.1 says. */
  public ReceptionStatistics(long ssrc, int clockRate, int firstSequence) {
    this.ssrc = ssrc;
    this.clockRate = clockRate;
    initSequence(firstSequence);
    maxSeq = (firstSequence - 1) & 0xFFFF;
    probation = MIN_SEQUENTIAL;
  }

  private void initSequence(int seq) {
    baseSeq = seq;
    maxSeq = seq;
    badSeq = SEQ_MOD + 1; // no sequence number equals this
    cycles = 0;
    received = 0;
    receivedPrior = 0;
    expectedPrior = 0;
  }

  /** The source these statistics describe. */
  public long ssrc() {
    return ssrc;
  }

  /**
   * Records one arriving packet. Returns false when A.1 does not count it yet (the source is in
   * probation, or a large jump waits for confirmation); jitter is updated only for counted ones.
   *
   * @param arrivalNanos a monotonic arrival time ({@link System#nanoTime()})
   */
  public boolean onPacket(int seq, long rtpTimestamp, int payloadBytes, long arrivalNanos) {
    if (!updateSequence(seq)) {
      return false;
    }
    octets += payloadBytes;
    updateJitter(rtpTimestamp, arrivalNanos);
    return true;
  }

  private boolean updateSequence(int seq) {
    int delta = (seq - maxSeq) & 0xFFFF;
    if (probation > 0) {
      if (seq == ((maxSeq + 1) & 0xFFFF)) {
        probation--;
        maxSeq = seq;
        if (probation == 0) {
          initSequence(seq);
          received++;
          return true;
        }
      } else {
        probation = MIN_SEQUENTIAL - 1;
        maxSeq = seq;
      }
      return false;
    } else if (delta < MAX_DROPOUT) {
      if (delta == 0) {
        duplicatesOrOld++;
      }
      if (seq < maxSeq) {
        cycles += SEQ_MOD; // wrapped
      }
      maxSeq = seq;
    } else if (delta <= SEQ_MOD - MAX_MISORDER) {
      // a very large jump: restart if the next packet follows it (the source restarted)
      if (seq == badSeq) {
        initSequence(seq);
      } else {
        badSeq = (seq + 1) & 0xFFFF;
        return false;
      }
    } else {
      duplicatesOrOld++; // duplicate or reordered: counted as received, as A.1 does
    }
    received++;
    return true;
  }

  private void updateJitter(long rtpTimestamp, long arrivalNanos) {
    // arrival in timestamp units; both clocks are only compared by differences
    long arrival = Math.floorDiv(arrivalNanos, 1_000_000_000L / clockRate);
    long transit = arrival - rtpTimestamp;
    if (haveTransit) {
      long d = (int) (transit - lastTransit); // RTP timestamps wrap at 32 bits
      if (d < 0) {
        d = -d;
      }
      jitterTimes16 += d - ((jitterTimes16 + 8) >> 4);
    }
    lastTransit = transit;
    haveTransit = true;
  }

  /** Notes an SR from this source for the LSR/DLSR fields of our next report. */
  public void onSenderReport(long ntpTimestamp, long arrivalNanos) {
    lastSenderReportMiddle = NtpTime.middle32(ntpTimestamp);
    lastSenderReportArrivalNanos = arrivalNanos;
    haveSenderReport = true;
  }

  /** The highest sequence number seen, extended by the wrap count. */
  public long extendedHighestSequence() {
    return cycles + maxSeq;
  }

  /** Packets expected so far (A.3). */
  public long expected() {
    return probation > 0 ? 0 : extendedHighestSequence() - baseSeq + 1;
  }

  /** Packets counted as received (duplicates included, as A.1 counts them). */
  public long received() {
    return received;
  }

  /** Payload bytes received. */
  public long octets() {
    return octets;
  }

  /** Duplicates and packets older than the highest seen. */
  public long duplicatesOrReordered() {
    return duplicatesOrOld;
  }

  /** Cumulative packets lost: expected minus received (negative with duplicates). */
  public long cumulativeLost() {
    return expected() - received;
  }

  /** The interarrival jitter estimate in timestamp units. */
  public long jitter() {
    return jitterTimes16 >> 4;
  }

  /** The interarrival jitter estimate in milliseconds. */
  public double jitterMillis() {
    return jitterTimes16 / 16.0 * 1000.0 / clockRate;
  }

  /**
   * The report block on this source for a report sent now; it also starts the next interval of the
   * fraction lost (A.3), so call it once per report.
   */
  public ReportBlock reportBlock(long nowNanos) {
    long expected = expected();
    long expectedInterval = expected - expectedPrior;
    expectedPrior = expected;
    long receivedInterval = received - receivedPrior;
    receivedPrior = received;
    long lostInterval = expectedInterval - receivedInterval;
    int fraction =
        expectedInterval == 0 || lostInterval <= 0
            ? 0
            : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    long lost = Math.max(-0x800000, Math.min(0x7FFFFF, cumulativeLost()));
    long lsr = haveSenderReport ? lastSenderReportMiddle : 0;
    long dlsr =
        haveSenderReport
            ? NtpTime.toShortUnits(nowNanos - lastSenderReportArrivalNanos) & 0xFFFF_FFFFL
            : 0;
    return new ReportBlock(
        ssrc,
        fraction,
        (int) lost,
        extendedHighestSequence() & 0xFFFF_FFFFL,
        jitter() & 0xFFFF_FFFFL,
        lsr,
        dlsr);
  }
}
