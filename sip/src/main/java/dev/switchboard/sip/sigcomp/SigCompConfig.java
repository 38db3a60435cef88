package dev.switchboard.sip.sigcomp;

/**
 * How a SigComp endpoint is set up: what it offers peers to decompress with, and the bounds that
 * keep a peer — or many — from taking more than their share.
 *
 * @param local the cycles per bit, decompression memory and per-compartment state memory we offer,
 *     and our version (2: we send RFC 4077 NACKs)
 * @param maxCompartments compartments kept at once; the least recently used is closed beyond it
 * @param maxCompartmentsPerSource compartments one source address may hold at once
 * @param maxStateMemory state memory all compartments may hold together, in bytes
 * @param sharedCompression whether we offer each sent message to the peer as shared state (RFC 3321
 *     §5.2) and use the peer's offers when compressing
 * @param dictionary whether our compressor loads RFC 3485's SIP/SDP dictionary into the peer's UDVM
 *     and matches against it (off: earlier messages only, e.g. for a peer without it)
 */
public record SigCompConfig(
    SigCompParameters local,
    int maxCompartments,
    int maxCompartmentsPerSource,
    long maxStateMemory,
    boolean sharedCompression,
    boolean dictionary) {

  public SigCompConfig {
    if (maxCompartments < 1 || maxCompartmentsPerSource < 1) {
      throw new IllegalArgumentException("compartment bounds must be at least 1");
    }
    if (maxStateMemory < local.stateMemorySize()) {
      throw new IllegalArgumentException("maxStateMemory below one compartment's state memory");
    }
  }

  /**
   * Defaults for a SIP server: the RFC 5049 minimum cycles (16 per bit, which bounds the CPU a
   * message can take), 16 KB decompression memory, 8 KB state per compartment (room for a ring of
   * about 2.7 KB of earlier messages), NACKs; 10,000 compartments, 8 per source address, 64 MB of
   * state in all; shared compression on.
   */
  public static SigCompConfig defaults() {
    return new SigCompConfig(
        new SigCompParameters(16, 16384, 8192, 2), 10_000, 8, 64L << 20, true, true);
  }

  /** These settings with other local parameters. */
  public SigCompConfig withLocal(SigCompParameters parameters) {
    return new SigCompConfig(
        parameters,
        maxCompartments,
        maxCompartmentsPerSource,
        Math.max(maxStateMemory, parameters.stateMemorySize()),
        sharedCompression,
        dictionary);
  }

  /** These settings with other compartment bounds. */
  public SigCompConfig withBounds(int compartments, int perSource, long stateMemory) {
    return new SigCompConfig(
        local, compartments, perSource, stateMemory, sharedCompression, dictionary);
  }

  /** These settings with shared compression on or off. */
  public SigCompConfig withSharedCompression(boolean on) {
    return new SigCompConfig(
        local, maxCompartments, maxCompartmentsPerSource, maxStateMemory, on, dictionary);
  }

  /** These settings with our compressor using the static dictionary or not. */
  public SigCompConfig withDictionary(boolean on) {
    return new SigCompConfig(
        local, maxCompartments, maxCompartmentsPerSource, maxStateMemory, sharedCompression, on);
  }
}
