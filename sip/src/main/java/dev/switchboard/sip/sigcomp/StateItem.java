package dev.switchboard.sip.sigcomp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One item of SigComp state (RFC 3320 §3.3.3): a value with the address it loads at, the
 * instruction it starts at, the fewest identifier bytes that may name it, and its SHA-1 identifier.
 * Immutable.
 */
public final class StateItem {
  /** The length of a full state identifier. */
  public static final int ID_LENGTH = 20;

  private final byte[] id;
  private final int address;
  private final int instruction;
  private final int minimumAccessLength;
  private final byte[] value;

  private StateItem(
      byte[] id, int address, int instruction, int minimumAccessLength, byte[] value) {
    this.id = id;
    this.address = address;
    this.instruction = instruction;
    this.minimumAccessLength = minimumAccessLength;
    this.value = value;
  }

  /** A state item with its identifier computed as RFC 3320 §9.4.9 says. */
  public static StateItem of(int address, int instruction, int minimumAccessLength, byte[] value) {
    if (value.length > 0xFFFF) {
      throw new IllegalArgumentException("state value longer than 65535 bytes");
    }
    if (minimumAccessLength < 6 || minimumAccessLength > 20) {
      throw new IllegalArgumentException("minimum_access_length must be 6..20");
    }
    byte[] copy = value.clone();
    return new StateItem(
        Sha1.stateIdentifier(address, instruction, minimumAccessLength, copy),
        address & 0xFFFF,
        instruction & 0xFFFF,
        minimumAccessLength,
        copy);
  }

  /** This item cut to its first {@code length} bytes, with the identifier recomputed (§6.2). */
  StateItem truncated(int length) {
    return of(address, instruction, minimumAccessLength, Arrays.copyOf(value, length));
  }

  public byte[] id() {
    return id.clone();
  }

  /** The first {@code n} bytes of the identifier: what a message sends to name this item. */
  public byte[] partialId(int n) {
    return Arrays.copyOf(id, n);
  }

  public int length() {
    return value.length;
  }

  public int address() {
    return address;
  }

  public int instruction() {
    return instruction;
  }

  public int minimumAccessLength() {
    return minimumAccessLength;
  }

  public byte[] value() {
    return value.clone();
  }

  /** Copies {@code length} value bytes from {@code begin} without cloning the whole value. */
  void copyValue(int begin, byte[] into, int at, int length) {
    System.arraycopy(value, begin, into, at, length);
  }

  byte valueAt(int i) {
    return value[i];
  }

  /** The state memory this item costs a compartment (RFC 3320 §6.2). */
  int cost() {
    return value.length + 64;
  }

  /** Whether {@code partial} is a prefix of this item's identifier. */
  boolean matches(byte[] partial) {
    return Arrays.equals(id, 0, partial.length, partial, 0, partial.length);
  }

  /** Two items with one identifier hold the same data (else §6.2 step 3 refuses the second). */
  boolean sameContent(StateItem o) {
    return address == o.address
        && instruction == o.instruction
        && minimumAccessLength == o.minimumAccessLength
        && Arrays.equals(value, o.value);
  }

  /** The identifier's first six bytes as a number, for indexing. */
  long prefixKey() {
    return prefixKey(id);
  }

  static long prefixKey(byte[] partial) {
    long k = 0;
    for (int i = 0; i < 6; i++) {
      k = k << 8 | (partial[i] & 0xFF);
    }
    return k;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateItem s && Arrays.equals(id, s.id);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(id);
  }

  @Override
  public String toString() {
    return "StateItem[" + HexFormat.of().formatHex(id, 0, 6) + " len=" + value.length + "]";
  }
}
