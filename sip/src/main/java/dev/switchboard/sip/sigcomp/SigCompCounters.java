package dev.switchboard.sip.sigcomp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Running totals of the SigComp layer — work done and every limit that refused something — for a
 * {@code /metrics} page and for tests. Thread-safe.
 */
public final class SigCompCounters {
  final AtomicLong messagesDecompressed = new AtomicLong();
  final AtomicLong bytesReceivedCompressed = new AtomicLong();
  final AtomicLong bytesDecompressed = new AtomicLong();
  final AtomicLong decompressionFailures = new AtomicLong();
  final AtomicLongArray failuresByReason = new AtomicLongArray(NackReason.values().length + 1);
  final AtomicLong cyclesUsed = new AtomicLong();
  final AtomicLong messagesCompressed = new AtomicLong();
  final AtomicLong bytesToCompress = new AtomicLong();
  final AtomicLong bytesSentCompressed = new AtomicLong();
  final AtomicLong compressionFailures = new AtomicLong();
  final AtomicLong bytecodeUploads = new AtomicLong();
  final AtomicLong statesCreated = new AtomicLong();
  final AtomicLong statesRejected = new AtomicLong();
  final AtomicLong statesEvicted = new AtomicLong();
  final AtomicLong statesFreed = new AtomicLong();
  final AtomicLong compartmentsOpened = new AtomicLong();
  final AtomicLong compartmentsClosed = new AtomicLong();
  final AtomicLong compartmentsEvicted = new AtomicLong();
  final AtomicLong nacksSent = new AtomicLong();
  final AtomicLong nacksReceived = new AtomicLong();
  final AtomicLong framingErrors = new AtomicLong();

  void failure(NackReason reason) {
    decompressionFailures.incrementAndGet();
    failuresByReason.incrementAndGet(reason.code());
  }

  public long messagesDecompressed() {
    return messagesDecompressed.get();
  }

  public long decompressionFailures() {
    return decompressionFailures.get();
  }

  /** Failures for one reason; {@code failures(CYCLES_EXHAUSTED)} counts looping bytecode. */
  public long failures(NackReason reason) {
    return failuresByReason.get(reason.code());
  }

  /** UDVM cycles spent by messages that decompressed. */
  public long cyclesUsed() {
    return cyclesUsed.get();
  }

  public long messagesCompressed() {
    return messagesCompressed.get();
  }

  /** Messages the compressor could not compress within the peer's resources (RFC 3320 §5.2). */
  /** Compressed messages that carried our bytecode rather than naming a state the peer holds. */
  public long bytecodeUploads() {
    return bytecodeUploads.get();
  }

  public long compressionFailures() {
    return compressionFailures.get();
  }

  public long statesCreated() {
    return statesCreated.get();
  }

  /** State creation requests refused: no compartment, no state memory, or a clashing identifier. */
  public long statesRejected() {
    return statesRejected.get();
  }

  /** States pushed out of a compartment to make room (RFC 3320 §6.2 step 4). */
  public long statesEvicted() {
    return statesEvicted.get();
  }

  public long compartmentsOpened() {
    return compartmentsOpened.get();
  }

  /** Compartments closed to stay within the compartment count, per-source or memory bounds. */
  public long compartmentsEvicted() {
    return compartmentsEvicted.get();
  }

  public long nacksSent() {
    return nacksSent.get();
  }

  public long nacksReceived() {
    return nacksReceived.get();
  }

  /** Every counter by a metric-style name, in a stable order. */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("sigcomp_messages_decompressed", messagesDecompressed.get());
    m.put("sigcomp_bytes_received_compressed", bytesReceivedCompressed.get());
    m.put("sigcomp_bytes_decompressed", bytesDecompressed.get());
    m.put("sigcomp_decompression_failures", decompressionFailures.get());
    // Always shown: the one failure an attacker's bytecode aims for.
    m.put("sigcomp_cycles_exhausted", failures(NackReason.CYCLES_EXHAUSTED));
    for (NackReason r : NackReason.values()) {
      long n = failuresByReason.get(r.code());
      if (n > 0 && r != NackReason.CYCLES_EXHAUSTED) {
        m.put("sigcomp_decompression_failures_" + r.name().toLowerCase(java.util.Locale.ROOT), n);
      }
    }
    m.put("sigcomp_cycles_used", cyclesUsed.get());
    m.put("sigcomp_messages_compressed", messagesCompressed.get());
    m.put("sigcomp_bytes_to_compress", bytesToCompress.get());
    m.put("sigcomp_bytes_sent_compressed", bytesSentCompressed.get());
    m.put("sigcomp_compression_failures", compressionFailures.get());
    m.put("sigcomp_bytecode_uploads", bytecodeUploads.get());
    m.put("sigcomp_states_created", statesCreated.get());
    m.put("sigcomp_states_rejected", statesRejected.get());
    m.put("sigcomp_states_evicted", statesEvicted.get());
    m.put("sigcomp_states_freed", statesFreed.get());
    m.put("sigcomp_compartments_opened", compartmentsOpened.get());
    m.put("sigcomp_compartments_closed", compartmentsClosed.get());
    m.put("sigcomp_compartments_evicted", compartmentsEvicted.get());
    m.put("sigcomp_nacks_sent", nacksSent.get());
    m.put("sigcomp_nacks_received", nacksReceived.get());
    m.put("sigcomp_framing_errors", framingErrors.get());
    return m;
  }
}
