package dev.switchboard.sip.sigcomp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Our decompressor bytecode ({@code lz-decompressor.udvm}) assembled for one memory layout: where
 * the ring of earlier messages, the dictionary and the shared state sit in the peer's UDVM memory.
 * The layout is planned from the peer's decompression and state memory so that two saved states fit
 * its state memory and everything fits its decompression memory. Immutable; cached.
 */
final class LzBytecode {
  /** Where the code is uploaded and the saved state begins. */
  static final int CODE_START = 128;

  /**
   * Bytes reserved after the ring for the shared state id and the returned parameters. They start
   * two bytes past the ring's end: input written exactly at byte_copy_right is legal (RFC 4896 §4)
   * but Wireshark's UDVM wraps it to byte_copy_left, and we want it to read us too.
   */
  static final int PARAMS_AREA = 34;

  /** The longest ring a match offset reaches (the offset code's range). */
  static final int MAX_RING = 9536;

  /** Dictionary and shared positions are 13 bits. */
  static final int MAX_POSITIONS = 8192;

  private static final String SOURCE = source();

  /** The instruction that loads the dictionary's strings, left out when they are not used. */
  private static final String DICTIONARY_LOAD =
      "STATE-ACCESS (dictionary_id, 6, dict_begin, dict_len, dict_addr, 0)\n";

  /** The dictionary's partial identifier that instruction names, left out with it. */
  private static final String DICTIONARY_ID = "byte (0xfb, 0xe5, 0x07, 0xdf, 0xe5, 0xe6)\n";

  private static final Map<Layout, LzBytecode> CACHE = new ConcurrentHashMap<>();
  private static final int CODE_END = codeEnd();

  /**
   * Where things go in the peer's UDVM memory.
   *
   * @param sharedMax the longest shared state that still fits
   */
  record Layout(int ringStart, int ringEnd, int dictBegin, int dictLength, int sharedMax) {
    int paramsAddress() {
      return ringEnd + 2;
    }

    int dictAddress() {
      return ringEnd + PARAMS_AREA;
    }

    int sharedAddress() {
      return dictAddress() + dictLength;
    }

    int ringSize() {
      return ringEnd - ringStart;
    }

    /** The saved state: code, write pointer and ring, from {@link #CODE_START}. */
    int stateLength() {
      return ringEnd - CODE_START;
    }

    /** The highest address used, plus one, with a shared state of {@code sharedLength} bytes. */
    int top(int sharedLength) {
      return sharedAddress() + sharedLength;
    }
  }

  final Layout layout;

  /** Memory from 0 to the start of the ring as the code leaves it: zeros, code, write pointer. */
  final byte[] image;

  /** The code as uploaded in a message header, from {@link #CODE_START}. */
  final byte[] upload;

  final int entry;
  final int outPointer;

  private LzBytecode(Layout layout, UdvmAssembler.Assembly a) {
    this.layout = layout;
    this.entry = a.symbol("entry");
    this.outPointer = a.symbol("out_ptr");
    this.image = Arrays.copyOf(a.image(), layout.ringStart());
    this.upload = a.upload(CODE_START);
  }

  static LzBytecode of(Layout layout) {
    return CACHE.computeIfAbsent(layout, l -> new LzBytecode(l, assemble(l)));
  }

  /**
   * Plans the layout for a peer, or returns null when its memory cannot hold even the smallest one.
   * Each saved state takes half of the peer's state memory, less {@code sharedReserve} kept for the
   * shared state the peer offers us, so a new state never pushes out the one we still compress
   * against; room for that shared state ({@code sharedTarget} bytes) comes next, then as much of
   * the dictionary as fits — its strings of priority 5 add nothing to SIP (RFC 3485 §3), so at most
   * priorities 1 to 4 are loaded. Over a datagram transport the UDVM gets what the message leaves
   * of the decompression memory, so up to 1.5 KB is kept for the message itself. Without {@code
   * dictionary} none of it is loaded.
   */
  static Layout plan(
      SigCompParameters peer,
      boolean stream,
      int sharedReserve,
      int sharedTarget,
      boolean dictionary) {
    int memory = memoryBudget(peer, stream);
    int ringStart = CODE_END;
    int ringTarget = MAX_RING;
    if (peer.stateMemorySize() > 0) {
      int stateLength = (peer.stateMemorySize() - sharedReserve) / 2 - 64;
      ringTarget = Math.min(ringTarget, stateLength - (ringStart - CODE_START));
    }
    for (int priority = 4; priority >= 1; priority--) {
      int dictBegin =
          dictionary
              ? SipSdpDictionary.stringsFromPriority(priority)
              : SipSdpDictionary.STRINGS_LENGTH;
      int dictLength = SipSdpDictionary.STRINGS_LENGTH - dictBegin;
      int shared = Math.min(sharedTarget, MAX_POSITIONS - dictLength);
      int room = memory - ringStart - PARAMS_AREA - dictLength;
      if (ringTarget + shared <= room || priority == 1) {
        int ring = Math.min(ringTarget, room);
        if (ring < 256) {
          return null;
        }
        int ringEnd = ringStart + ring;
        int sharedMax = Math.min(room - ring, MAX_POSITIONS - dictLength);
        return new Layout(ringStart, ringEnd, dictBegin, dictLength, sharedMax);
      }
    }
    return null;
  }

  /** Whether a layout planned before still works for a peer's resources as they are now. */
  static boolean fits(Layout layout, SigCompParameters peer, boolean stream) {
    return layout.top(0) <= memoryBudget(peer, stream)
        && (peer.stateMemorySize() == 0 || layout.stateLength() + 64 <= peer.stateMemorySize());
  }

  private static int memoryBudget(SigCompParameters peer, boolean stream) {
    int dms = peer.decompressionMemorySize();
    return Math.min(stream ? dms / 2 : dms - Math.min(1536, dms / 2), 65536);
  }

  private static UdvmAssembler.Assembly assemble(Layout l) {
    String sets =
        "set (ring_start, "
            + l.ringStart()
            + ")\n"
            + "set (ring_end, "
            + l.ringEnd()
            + ")\n"
            + "set (params_addr, "
            + l.paramsAddress()
            + ")\n"
            + "set (dict_begin, "
            + l.dictBegin()
            + ")\n"
            + "set (dict_len, "
            + l.dictLength()
            + ")\n"
            + "set (dict_addr, "
            + l.dictAddress()
            + ")\n"
            + "set (shared_addr, "
            + l.sharedAddress()
            + ")\n";
    // Without the dictionary the code does not load it: a peer need not even hold it.
    String code =
        l.dictLength() == 0
            ? SOURCE.replace(DICTIONARY_LOAD, "").replace(DICTIONARY_ID, "")
            : SOURCE;
    UdvmAssembler.Assembly a = UdvmAssembler.assemble(sets + code);
    if (a.symbol("out_ptr") + 2 > l.ringStart()) {
      throw new IllegalStateException("code runs into the ring at " + l.ringStart());
    }
    return a;
  }

  /**
   * Where the code ends when every operand takes its longest form: the ring starts there in every
   * layout, so shorter operands leave a few zero bytes between the write pointer and the ring
   * (saved with the state, but never uploaded).
   */
  private static int codeEnd() {
    String sets =
        "set (ring_start, 60000)\nset (ring_end, 60000)\nset (params_addr, 60000)\n"
            + "set (dict_begin, 3250)\nset (dict_len, 60000)\nset (dict_addr, 60000)\n"
            + "set (shared_addr, 60000)\n";
    return UdvmAssembler.assemble(sets + SOURCE).symbol("out_ptr") + 2;
  }

  private static String source() {
    try (InputStream in = LzBytecode.class.getResourceAsStream("lz-decompressor.udvm")) {
      if (in == null) {
        throw new IllegalStateException("lz-decompressor.udvm is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
