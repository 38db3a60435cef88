package dev.switchboard.sip.sigcomp;

/**
 * The decompressor dispatcher's core (RFC 3320 §4.2, §7): sizes a fresh UDVM memory for one
 * message, loads the uploaded bytecode or the named state into it, writes the useful values and
 * runs the bytecode. Holds no per-message state; thread-safe as its state lookup is.
 */
final class Decompressor {
  private final SigCompParameters local;
  private final Udvm.StateLookup states;

  Decompressor(SigCompParameters local, Udvm.StateLookup states) {
    this.local = local;
    this.states = states;
  }

  /**
   * Decompresses one parsed message (not a NACK).
   *
   * @param stream whether it came over a stream transport, where the UDVM gets half the
   *     decompression memory instead of what the message leaves of it (§7)
   */
  UdvmResult decompress(SigCompMessage m, boolean stream) throws DecompressionFailure {
    int dms = local.decompressionMemorySize();
    if (!stream && m.length() > dms) {
      throw new DecompressionFailure(
          NackReason.BYTECODES_TOO_LARGE,
          "message of " + m.length() + " bytes exceeds decompression_memory_size " + dms,
          0,
          0,
          new byte[] {(byte) (dms >> 8), (byte) dms});
    }
    int size = Math.min(stream ? dms / 2 : dms - m.length(), 65536);
    if (size < 128) {
      throw new DecompressionFailure(
          NackReason.BYTECODES_TOO_LARGE,
          "the message leaves only " + size + " bytes of memory",
          0,
          0,
          new byte[] {(byte) (dms >> 8), (byte) dms});
    }
    byte[] mem = new byte[size];
    int start;
    int idLength = 0;
    int stateLength = 0;
    if (m.partialStateId != null) {
      StateItem s = states.find(m.partialStateId);
      if (s.address() + s.length() > size) {
        throw new DecompressionFailure(
            NackReason.SEGFAULT,
            "state of "
                + s.length()
                + " bytes at "
                + s.address()
                + " does not fit in "
                + size
                + " bytes");
      }
      s.copyValue(0, mem, s.address(), s.length());
      start = s.instruction();
      idLength = m.partialStateId.length;
      stateLength = s.length();
    } else {
      if (m.destination + m.codeLength > size) {
        throw new DecompressionFailure(
            NackReason.BYTECODES_TOO_LARGE,
            m.codeLength + " bytes of bytecode at " + m.destination + " exceed memory " + size,
            0,
            0,
            new byte[] {(byte) (dms >> 8), (byte) dms});
      }
      System.arraycopy(m.bytes, m.codeOffset, mem, m.destination, m.codeLength);
      start = m.destination;
    }
    // Useful values (Figure 5), written over whatever the state put there; 10..31 stay zero.
    java.util.Arrays.fill(mem, 0, 32, (byte) 0);
    put16(mem, 0, size);
    put16(mem, 2, local.cyclesPerBit());
    put16(mem, 4, local.version());
    put16(mem, 6, idLength);
    put16(mem, 8, stateLength);
    CompressedInput input = new CompressedInput(m.bytes, m.remainingOffset, m.end);
    Udvm vm = new Udvm(mem, input, states, local.cyclesPerBit(), 8L * m.headerLength());
    return vm.run(start);
  }

  private static void put16(byte[] mem, int at, int value) {
    mem[at] = (byte) (value >> 8);
    mem[at + 1] = (byte) value;
  }
}
