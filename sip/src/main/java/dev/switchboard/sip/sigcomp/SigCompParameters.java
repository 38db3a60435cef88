package dev.switchboard.sip.sigcomp;

/**
 * What a SigComp endpoint offers to decompress with (RFC 3320 §3.3): cycles per bit, the
 * decompression and per-compartment state memory in bytes, and the SigComp version (2 = with RFC
 * 4077 NACK). Values are the encodable ones of RFC 3320 §3.3.1.
 */
public record SigCompParameters(
    int cyclesPerBit, int decompressionMemorySize, int stateMemorySize, int version) {

  /** The minimum every SigComp endpoint offers (RFC 3320 §3.3.1). */
  public static final SigCompParameters RFC3320_MINIMUM = new SigCompParameters(16, 2048, 0, 1);

  /** The minimum every SIP/SigComp endpoint offers (RFC 5049 §3): 8 KB DMS, 2 KB SMS, NACK. */
  public static final SigCompParameters SIP_MINIMUM = new SigCompParameters(16, 8192, 2048, 2);

  public SigCompParameters {
    cpbCode(cyclesPerBit);
    if (decompressionMemorySize == 0) {
      throw new IllegalArgumentException("decompression_memory_size cannot be 0");
    }
    memoryCode(decompressionMemorySize);
    memoryCode(stateMemorySize);
    if (version < 1 || version > 255) {
      throw new IllegalArgumentException("SigComp_version must be 1..255: " + version);
    }
  }

  /** The first byte of returned SigComp parameters: cpb (2 bits), dms (3 bits), sms (3 bits). */
  public int encodedByte() {
    return cpbCode(cyclesPerBit) << 6
        | memoryCode(decompressionMemorySize) << 3
        | memoryCode(stateMemorySize);
  }

  /**
   * These parameters updated by returned SigComp parameters (RFC 3320 §9.4.9): a zero byte leaves
   * the fields it encodes unchanged.
   */
  public SigCompParameters updatedBy(int parametersByte, int versionByte) {
    int cpb = cyclesPerBit;
    int dms = decompressionMemorySize;
    int sms = stateMemorySize;
    if (parametersByte != 0) {
      int dmsCode = parametersByte >> 3 & 7;
      cpb = 16 << (parametersByte >> 6 & 3);
      sms = memoryOf(parametersByte & 7);
      if (dmsCode != 0) {
        dms = memoryOf(dmsCode);
      }
    }
    int v = versionByte == 0 ? version : versionByte;
    return new SigCompParameters(cpb, dms, sms, v);
  }

  /** A copy with another state memory size per compartment. */
  public SigCompParameters withStateMemorySize(int sms) {
    return new SigCompParameters(cyclesPerBit, decompressionMemorySize, sms, version);
  }

  /** A copy with another SigComp version. */
  public SigCompParameters withVersion(int v) {
    return new SigCompParameters(cyclesPerBit, decompressionMemorySize, stateMemorySize, v);
  }

  /** Whether the endpoint sends NACKs (RFC 4077 §2.4: version 2 and above). */
  public boolean supportsNack() {
    return version >= 2;
  }

  private static int cpbCode(int cpb) {
    return switch (cpb) {
      case 16 -> 0;
      case 32 -> 1;
      case 64 -> 2;
      case 128 -> 3;
      default -> throw new IllegalArgumentException("cycles_per_bit must be 16, 32, 64 or 128");
    };
  }

  private static int memoryCode(int bytes) {
    if (bytes == 0) {
      return 0;
    }
    for (int code = 1; code <= 7; code++) {
      if (memoryOf(code) == bytes) {
        return code;
      }
    }
    throw new IllegalArgumentException(
        "memory size must be 0 or 2048 * 2^n up to 131072: " + bytes);
  }

  private static int memoryOf(int code) {
    return code == 0 ? 0 : 1024 << code;
  }
}
