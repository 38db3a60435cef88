package dev.switchboard.sip.sigcomp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Universal Decompressor Virtual Machine (RFC 3320 §8–9, with the RFC 4896 clarifications):
 * runs the bytecode of one SigComp message in its own memory, within its cycle budget, and either
 * returns what the message produced or throws a {@link DecompressionFailure}. One instance per
 * message; not thread-safe.
 */
final class Udvm {
  /** RFC 3320 §9.4.8: more decompressed output than this fails. */
  static final int MAX_OUTPUT = 65536;

  private static final int BYTE_COPY_LEFT = 64;
  private static final int BYTE_COPY_RIGHT = 66;
  private static final int INPUT_BIT_ORDER = 68;
  private static final int STACK_LOCATION = 70;
  private static final int MAX_STATE_REQUESTS = 4;

  private final byte[] mem;
  private final int size;
  private final CompressedInput input;
  private final StateLookup states;
  private final int cyclesPerBit;

  private long cyclesAvailable;
  private long cyclesUsed;
  private byte[] output = new byte[512];
  private int outputLength;

  private final List<PendingCreate> creates = new ArrayList<>(4);
  private final List<Object> requestOrder = new ArrayList<>(8);
  private int freeCount;

  /** The instruction being executed, for failures. */
  private int pc;

  private int opcode;

  /** Where the next operand byte is read. */
  private int ip;

  private int bcl;
  private int bcr;

  /** INPUT-HUFFMAN's operands, kept between instructions to spare an allocation each time. */
  private int[] huffman = new int[32];

  /** Looks up state for STATE-ACCESS and for a partial identifier in a message header. */
  interface StateLookup {
    StateItem find(byte[] partialId) throws DecompressionFailure;
  }

  private record PendingCreate(int length, int address, int instruction, int mal, int priority) {}

  private record PendingFree(int start, int length) {}

  /**
   * @param mem the UDVM memory, already initialised (useful values, bytecode or state)
   * @param headerBits the bits in the SigComp header, which earn cycles like input does (§8.6)
   */
  Udvm(byte[] mem, CompressedInput input, StateLookup states, int cyclesPerBit, long headerBits) {
    this.mem = mem;
    this.size = mem.length;
    this.input = input;
    this.states = states;
    this.cyclesPerBit = cyclesPerBit;
    this.cyclesAvailable = (1000 + headerBits) * cyclesPerBit;
  }

  long cyclesUsed() {
    return cyclesUsed;
  }

  int outputLength() {
    return outputLength;
  }

  /** Runs from {@code start} until END-MESSAGE or failure. */
  UdvmResult run(int start) throws DecompressionFailure {
    pc = start;
    while (true) {
      opcode = 0;
      if (pc >= size) {
        throw fail(NackReason.SEGFAULT, "next instruction at " + pc + " is beyond memory " + size);
      }
      opcode = mem[pc] & 0xFF;
      Opcode op = Opcode.ofCode(opcode);
      if (op == null) {
        throw fail(NackReason.INVALID_OPCODE, "unknown instruction " + opcode);
      }
      ip = (pc + 1) & 0xFFFF;
      // Byte copying uses the registers as they were when the instruction began (§8.4).
      bcl = size > BYTE_COPY_RIGHT + 1 ? read16(BYTE_COPY_LEFT) : 0;
      bcr = size > BYTE_COPY_RIGHT + 1 ? read16(BYTE_COPY_RIGHT) : 0;
      int next = execute(op);
      if (next < 0) {
        return finish();
      }
      pc = next;
    }
  }

  /** Executes one instruction; returns the next pc, or -1 after END-MESSAGE. */
  private int execute(Opcode op) throws DecompressionFailure {
    switch (op) {
      case DECOMPRESSION_FAILURE -> {
        charge(1);
        throw fail(NackReason.USER_REQUESTED, "DECOMPRESSION-FAILURE executed");
      }
      case AND, OR, LSHIFT, RSHIFT, ADD, SUBTRACT, MULTIPLY, DIVIDE, REMAINDER -> arithmetic(op);
      case NOT -> {
        int a = reference();
        charge(1);
        write16(a, ~read16(a));
      }
      case SORT_ASCENDING, SORT_DESCENDING -> sort(op == Opcode.SORT_DESCENDING);
      case SHA_1 -> {
        int position = multitype();
        int length = multitype();
        int destination = multitype();
        charge(1L + length);
        byte[] hash = Sha1.of(copyOut(position, length));
        copyIn(hash, destination);
      }
      case LOAD -> {
        int address = multitype();
        int value = multitype();
        charge(1);
        write16(address, value);
      }
      case MULTILOAD -> multiload();
      case PUSH -> {
        int value = multitype();
        charge(1);
        push(value);
      }
      case POP -> {
        int address = multitype();
        charge(1);
        write16(address, pop());
      }
      case COPY -> {
        int position = multitype();
        int length = multitype();
        int destination = multitype();
        charge(1L + length);
        copy(position, length, destination);
      }
      case COPY_LITERAL, COPY_OFFSET -> copyToPointer(op == Opcode.COPY_OFFSET);
      case MEMSET -> {
        int address = multitype();
        int length = multitype();
        int startValue = multitype();
        int offset = multitype();
        charge(1L + length);
        int d = address;
        for (int n = 0; n < length; n++) {
          write8(d, startValue + n * offset);
          d = nextCopyAddress(d);
        }
      }
      case JUMP -> {
        int target = address();
        charge(1);
        return jump(target);
      }
      case COMPARE -> {
        int v1 = multitype();
        int v2 = multitype();
        int less = address();
        int equal = address();
        int greater = address();
        charge(1);
        return jump(v1 < v2 ? less : v1 == v2 ? equal : greater);
      }
      case CALL -> {
        int target = address();
        charge(1);
        push(ip);
        return jump(target);
      }
      case RETURN -> {
        charge(1);
        return jump(pop());
      }
      case SWITCH -> {
        int n = literal();
        int j = multitype();
        int target = -1;
        for (int i = 0; i < n; i++) {
          int a = address();
          if (i == j) {
            target = a;
          }
        }
        charge(1L + n);
        if (j >= n) {
          throw fail(NackReason.SWITCH_VALUE_TOO_HIGH, "SWITCH value " + j + " of " + n);
        }
        return jump(target);
      }
      case CRC -> {
        int value = multitype();
        int position = multitype();
        int length = multitype();
        int target = address();
        charge(1L + length);
        if (Fcs16.of(copyOut(position, length)) != value) {
          return jump(target);
        }
      }
      case INPUT_BYTES -> {
        int length = multitype();
        int destination = multitype();
        int target = address();
        charge(1L + length);
        input.discardPartialByte();
        if (input.bytesAvailable() < length) {
          return jump(target);
        }
        if (linear(destination, length)) {
          input.copyBytes(mem, destination, length);
        } else {
          int d = destination;
          for (int i = 0; i < length; i++) {
            write8(d, input.nextByte());
            d = nextCopyAddress(d);
          }
        }
        credit(8L * length);
      }
      case INPUT_BITS -> {
        int length = multitype();
        int destination = multitype();
        int target = address();
        charge(1);
        int order = inputBitOrder();
        if (length > 16) {
          throw fail(NackReason.TOO_MANY_BITS_REQUESTED, "INPUT-BITS of " + length + " bits");
        }
        input.usePBit(order & 1);
        if (input.bitsAvailable() < length) {
          return jump(target);
        }
        write16(destination, input.readBits(length, order & 1, (order & 4) != 0));
        credit(length);
      }
      case INPUT_HUFFMAN -> {
        return inputHuffman();
      }
      case STATE_ACCESS -> stateAccess();
      case STATE_CREATE -> {
        int length = multitype();
        int address = multitype();
        int instruction = multitype();
        int mal = multitype();
        int priority = multitype();
        charge(1L + length);
        checkStateLength(mal);
        if (priority == 65535) {
          throw fail(NackReason.INVALID_STATE_PRIORITY, "state_retention_priority 65535");
        }
        addCreate(new PendingCreate(length, address, instruction, mal, priority));
      }
      case STATE_FREE -> {
        int start = multitype();
        int length = multitype();
        charge(1);
        checkStateLength(length);
        if (++freeCount > MAX_STATE_REQUESTS) {
          throw fail(NackReason.TOO_MANY_STATE_REQUESTS, "more than four STATE-FREE");
        }
        requestOrder.add(new PendingFree(start, length));
      }
      case OUTPUT -> {
        int start = multitype();
        int length = multitype();
        charge(1L + length);
        if (outputLength + (long) length > MAX_OUTPUT) {
          throw fail(NackReason.OUTPUT_OVERFLOW, "more than " + MAX_OUTPUT + " bytes output");
        }
        ensureOutput(outputLength + length);
        if (linear(start, length)) {
          System.arraycopy(mem, start, output, outputLength, length);
          outputLength += length;
        } else {
          int s = start;
          for (int i = 0; i < length; i++) {
            output[outputLength++] = (byte) read8(s);
            s = nextCopyAddress(s);
          }
        }
      }
      case END_MESSAGE -> {
        endMessage();
        return -1;
      }
    }
    return ip;
  }

  // ---------------------------------------------------------------------------------------------
  // Instructions with more to them

  private void arithmetic(Opcode op) throws DecompressionFailure {
    int a = reference();
    int n = multitype();
    charge(1);
    int m = read16(a);
    int r =
        switch (op) {
          case AND -> m & n;
          case OR -> m | n;
          case LSHIFT -> n >= 16 ? 0 : m << n;
          case RSHIFT -> n >= 16 ? 0 : m >>> n;
          case ADD -> m + n;
          case SUBTRACT -> m - n;
          case MULTIPLY -> m * n;
          case DIVIDE -> m / nonZero(n);
          case REMAINDER -> m % nonZero(n);
          default -> throw new IllegalStateException(op.name());
        };
    write16(a, r);
  }

  private int nonZero(int divisor) throws DecompressionFailure {
    if (divisor == 0) {
      throw fail(NackReason.DIV_BY_ZERO, "division by zero");
    }
    return divisor;
  }

  private void sort(boolean descending) throws DecompressionFailure {
    int start = multitype();
    int n = multitype();
    int k = multitype();
    int log = k <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(k - 1);
    charge(1L + (long) k * (log + n));
    if (k == 0 || n == 0) {
      return;
    }
    if (2L * n * k > size) {
      throw fail(NackReason.SEGFAULT, "SORT of " + n + " lists of " + k + " words");
    }
    int[][] lists = new int[n][k];
    for (int list = 0; list < n; list++) {
      for (int i = 0; i < k; i++) {
        lists[list][i] = read16(start + 2 * (list * k + i));
      }
    }
    Integer[] order = new Integer[k];
    for (int i = 0; i < k; i++) {
      order[i] = i;
    }
    int[] keys = lists[0];
    // Arrays.sort on objects is a stable merge sort: equal words keep their order (§9.1.3).
    Arrays.sort(
        order,
        descending
            ? (x, y) -> Integer.compare(keys[y], keys[x])
            : (x, y) -> Integer.compare(keys[x], keys[y]));
    for (int list = 0; list < n; list++) {
      for (int i = 0; i < k; i++) {
        write16(start + 2 * (list * k + i), lists[list][order[i]]);
      }
    }
  }

  /**
   * COPY-LITERAL (§9.2.5) and COPY-OFFSET (§9.2.6): copy to the address a word holds, then move
   * that word past what was copied. COPY-OFFSET's source is counted back from the destination.
   */
  private void copyToPointer(boolean fromOffset) throws DecompressionFailure {
    int source = multitype();
    int length = multitype();
    int destRef = reference();
    int destination = read16(destRef);
    charge(1L + length);
    int from = fromOffset ? backwards(destination, source) : source;
    int after = copy(from, length, destination);
    if (length > 0) {
      write16(destRef, after);
    }
  }

  private void multiload() throws DecompressionFailure {
    int address = multitype();
    int n = literal();
    // The instruction may not write over itself (§9.2.2): find its end without evaluating values.
    int end = ip;
    for (int i = 0; i < n; i++) {
      end = (end + multitypeLength(read8(end))) & 0xFFFF;
    }
    int instructionLength = (end - pc) & 0xFFFF;
    charge(1L + n);
    for (int b = 0; b < 2 * n; b++) {
      if (((address + b - pc) & 0xFFFF) < instructionLength) {
        throw fail(NackReason.MULTILOAD_OVERWRITTEN, "MULTILOAD would overwrite itself");
      }
    }
    // Step by step: a value naming memory is read after the words before it are written (§3.2).
    for (int i = 0; i < n; i++) {
      write16(address + 2 * i, multitype());
    }
  }

  private int inputHuffman() throws DecompressionFailure {
    int destination = multitype();
    int target = address();
    int n = literal();
    if (n > huffman.length / 4) {
      huffman = new int[4 * n];
    }
    // bits, lower bound, upper bound and uncompressed value of range j at huffman[4j…4j+3]
    int[] h4 = huffman;
    long totalBits = 0;
    for (int j = 0; j < n; j++) {
      h4[4 * j] = multitype();
      h4[4 * j + 1] = multitype();
      h4[4 * j + 2] = multitype();
      h4[4 * j + 3] = multitype();
      totalBits += h4[4 * j];
    }
    charge(1L + n);
    if (n == 0) {
      return ip;
    }
    int order = inputBitOrder();
    if (totalBits > 16) {
      throw fail(NackReason.TOO_MANY_BITS_REQUESTED, "INPUT-HUFFMAN of " + totalBits + " bits");
    }
    input.usePBit(order & 1);
    long mark = input.mark();
    int h = 0;
    int used = 0;
    for (int j = 0; j < n; j++) {
      int bits = h4[4 * j];
      if (input.bitsAvailable() < bits) {
        input.reset(mark);
        return jump(target);
      }
      h = h << bits | input.readBits(bits, order & 1, (order & 2) != 0);
      used += bits;
      if (h >= h4[4 * j + 1] && h <= h4[4 * j + 2]) {
        write16(destination, h + h4[4 * j + 3] - h4[4 * j + 1]);
        credit(used);
        return ip;
      }
    }
    throw fail(NackReason.HUFFMAN_NO_MATCH, "no INPUT-HUFFMAN range matched " + h);
  }

  private void stateAccess() throws DecompressionFailure {
    int idStart = multitype();
    int idLength = multitype();
    int begin = multitype();
    int length = multitype();
    int address = multitype();
    int instruction = multitype();
    checkStateLength(idLength);
    byte[] partial = copyOut(idStart, idLength);
    StateItem state;
    try {
      state = states.find(partial);
    } catch (DecompressionFailure f) {
      throw fail(f.reason(), "STATE-ACCESS: " + f.getMessage(), f.details());
    }
    if (length == 0) {
      if (begin != 0) {
        charge(1L + state.length());
        throw fail(NackReason.INVALID_STATE_PROBE, "state_begin without state_length", partial);
      }
      length = state.length();
    }
    if (address == 0) {
      address = state.address();
    }
    if (instruction == 0) {
      instruction = state.instruction();
    }
    charge(1L + length);
    if (begin + length > state.length()) {
      throw fail(NackReason.STATE_TOO_SHORT, "state holds " + state.length() + " bytes", partial);
    }
    if (linear(address, length)) {
      state.copyValue(begin, mem, address, length);
    } else {
      int d = address;
      for (int i = 0; i < length; i++) {
        write8(d, state.valueAt(begin + i));
        d = nextCopyAddress(d);
      }
    }
    if (instruction != 0) {
      ip = jump(instruction);
    }
  }

  private void endMessage() throws DecompressionFailure {
    int feedbackLocation = multitype();
    int parametersLocation = multitype();
    int length = multitype();
    int address = multitype();
    int instruction = multitype();
    int mal = multitype();
    int priority = multitype();
    charge(1L + length);
    if (mal >= 6 && mal <= 20 && priority != 65535) {
      addCreate(new PendingCreate(length, address, instruction, mal, priority));
    }
    feedback = feedbackLocation == 0 ? null : requestedFeedback(feedbackLocation);
    parameters = parametersLocation == 0 ? null : returnedParameters(parametersLocation);
  }

  private RequestedFeedback feedback;
  private ReturnedParameters parameters;

  private UdvmResult finish() throws DecompressionFailure {
    // State values and freed identifiers are the memory as it stands at END-MESSAGE (RFC 4896
    // §4.1).
    List<StateRequest> requests = new ArrayList<>(requestOrder.size());
    for (Object o : requestOrder) {
      if (o instanceof PendingCreate c) {
        StateItem item =
            StateItem.of(c.address, c.instruction, c.mal, copyOut(c.address, c.length));
        requests.add(new StateRequest.Create(item, c.priority));
      } else {
        PendingFree f = (PendingFree) o;
        requests.add(new StateRequest.Free(copyOut(f.start, f.length)));
      }
    }
    return new UdvmResult(
        Arrays.copyOf(output, outputLength), requests, feedback, parameters, cyclesUsed);
  }

  private RequestedFeedback requestedFeedback(int at) throws DecompressionFailure {
    int flags = read8(at);
    byte[] item = null;
    if ((flags & 4) != 0) {
      int first = read8(at + 1);
      int length = (first & 0x80) == 0 ? 1 : 1 + (first & 0x7F);
      item = new byte[length];
      for (int i = 0; i < length; i++) {
        item[i] = (byte) read8(at + 1 + i);
      }
    }
    return new RequestedFeedback(item, (flags & 2) != 0, (flags & 1) != 0);
  }

  private ReturnedParameters returnedParameters(int at) throws DecompressionFailure {
    int parametersByte = read8(at);
    int versionByte = read8(at + 1);
    List<byte[]> ids = new ArrayList<>(2);
    int p = at + 2;
    // The list ends at a length outside 6..20, or at the end of memory.
    while (p < size) {
      int length = read8(p);
      if (length < 6 || length > 20 || p + 1 + length > size) {
        break;
      }
      byte[] id = new byte[length];
      for (int i = 0; i < length; i++) {
        id[i] = (byte) read8(p + 1 + i);
      }
      ids.add(id);
      p += 1 + length;
    }
    return new ReturnedParameters(parametersByte, versionByte, ids);
  }

  private void addCreate(PendingCreate c) throws DecompressionFailure {
    if (creates.size() >= MAX_STATE_REQUESTS) {
      throw fail(NackReason.TOO_MANY_STATE_REQUESTS, "more than four state creation requests");
    }
    creates.add(c);
    requestOrder.add(c);
  }

  private void checkStateLength(int idLength) throws DecompressionFailure {
    if (idLength < 6 || idLength > 20) {
      throw fail(NackReason.INVALID_STATE_ID_LENGTH, "state identifier length " + idLength);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Operands (RFC 3320 §8.5)

  private int fetch() throws DecompressionFailure {
    int b = read8(ip);
    ip = (ip + 1) & 0xFFFF;
    return b;
  }

  private int fetch16() throws DecompressionFailure {
    int hi = fetch();
    return hi << 8 | fetch();
  }

  private int literal() throws DecompressionFailure {
    int b = fetch();
    if ((b & 0x80) == 0) {
      return b;
    }
    if ((b & 0xC0) == 0x80) {
      return (b & 0x3F) << 8 | fetch();
    }
    if (b == 0xC0) {
      return fetch16();
    }
    throw fail(NackReason.INVALID_OPERAND, "bad literal operand " + b);
  }

  /** A reference operand: the address of the 2-byte word it names. */
  private int reference() throws DecompressionFailure {
    int b = fetch();
    if ((b & 0x80) == 0) {
      return 2 * b;
    }
    if ((b & 0xC0) == 0x80) {
      return 2 * ((b & 0x3F) << 8 | fetch()) & 0xFFFF;
    }
    if (b == 0xC0) {
      return fetch16();
    }
    throw fail(NackReason.INVALID_OPERAND, "bad reference operand " + b);
  }

  private int multitype() throws DecompressionFailure {
    int b = fetch();
    switch (b >> 5) {
      case 0, 1 -> {
        return b & 0x3F;
      }
      case 2, 3 -> {
        return read16(2 * (b & 0x3F));
      }
      case 5 -> {
        return (b & 0x1F) << 8 | fetch();
      }
      case 6 -> {
        return read16((b & 0x1F) << 8 | fetch());
      }
      case 7 -> {
        return (b & 0x1F) + 65504;
      }
      default -> {
        // 100xxxxx
        if ((b & 0xF0) == 0x90) {
          return ((b & 0x0F) << 8 | fetch()) + 61440;
        }
        if ((b & 0xF8) == 0x88) {
          return 1 << ((b & 7) + 8);
        }
        if ((b & 0xFE) == 0x86) {
          return 1 << ((b & 1) + 6);
        }
        if (b == 0x80) {
          return fetch16();
        }
        if (b == 0x81) {
          return read16(fetch16());
        }
        throw fail(NackReason.INVALID_OPERAND, "bad multitype operand " + b);
      }
    }
  }

  /** The bytes a multitype operand takes, from its first byte, without reading memory. */
  private int multitypeLength(int b) throws DecompressionFailure {
    if ((b & 0x80) == 0 || (b & 0xE0) == 0xE0 || (b & 0xF8) == 0x88 || (b & 0xFE) == 0x86) {
      return 1;
    }
    if ((b & 0xF0) == 0x90 || (b & 0xE0) == 0xA0 || (b & 0xE0) == 0xC0) {
      return 2;
    }
    if (b == 0x80 || b == 0x81) {
      return 3;
    }
    throw fail(NackReason.INVALID_OPERAND, "bad multitype operand " + b);
  }

  private int address() throws DecompressionFailure {
    return (pc + multitype()) & 0xFFFF;
  }

  // ---------------------------------------------------------------------------------------------
  // Memory, byte copying (§8.4), the stack (§8.3), cycles (§8.6)

  private int read8(int address) throws DecompressionFailure {
    int a = address & 0xFFFF;
    if (a >= size) {
      throw fail(NackReason.SEGFAULT, "read at " + a + " beyond memory " + size);
    }
    return mem[a] & 0xFF;
  }

  private void write8(int address, int value) throws DecompressionFailure {
    int a = address & 0xFFFF;
    if (a >= size) {
      throw fail(NackReason.SEGFAULT, "write at " + a + " beyond memory " + size);
    }
    mem[a] = (byte) value;
  }

  private int read16(int address) throws DecompressionFailure {
    return read8(address) << 8 | read8(address + 1);
  }

  private void write16(int address, int value) throws DecompressionFailure {
    write8(address, value >> 8);
    write8(address + 1, value);
  }

  /** The address after {@code address} when copying: byte_copy_right wraps to byte_copy_left. */
  private int nextCopyAddress(int address) {
    int k = (address + 1) & 0xFFFF;
    return k == bcr ? bcl : k;
  }

  /**
   * COPY-OFFSET's source: {@code offset} steps back from {@code from}, where stepping back from
   * byte_copy_left lands on byte_copy_right - 1 (§9.2.6). Computed without walking the steps, as a
   * hostile offset may be 65535.
   */
  private int backwards(int from, int offset) {
    int a = from;
    int left = offset;
    boolean wrapped = false;
    while (left > 0) {
      if (a == bcl) {
        a = (bcr - 1) & 0xFFFF;
        left--;
        if (!wrapped) {
          wrapped = true;
          // From byte_copy_right - 1 the walk repeats every (distance down to bcl + 1) steps.
          int period = ((bcr - 1 - bcl) & 0xFFFF) + 1;
          left %= period;
        }
        continue;
      }
      int distance = (a - bcl) & 0xFFFF;
      if (left <= distance) {
        a = (a - left) & 0xFFFF;
        left = 0;
      } else {
        a = bcl;
        left -= distance;
      }
    }
    return a;
  }

  /**
   * Whether {@code length} bytes from {@code start} lie in memory in one straight run: the byte
   * copying rules (§8.4) would not jump from byte_copy_right - 1 to byte_copy_left on the way, so
   * one bulk copy does what the byte-by-byte rules do.
   */
  private boolean linear(int start, int length) {
    return start + length <= size && (bcr <= start || bcr >= start + length);
  }

  /** Copies {@code length} bytes one at a time; returns where the next byte would go. */
  private int copy(int from, int length, int to) throws DecompressionFailure {
    // A bulk copy behaves the same unless the bytes written are read again later in this copy.
    if (linear(from, length) && linear(to, length) && (to <= from || to >= from + length)) {
      System.arraycopy(mem, from, mem, to, length);
      return length == 0 ? to : nextCopyAddress(to + length - 1);
    }
    int s = from;
    int d = to;
    for (int i = 0; i < length; i++) {
      write8(d, read8(s));
      s = nextCopyAddress(s);
      d = nextCopyAddress(d);
    }
    return d;
  }

  /** Reads {@code length} bytes from memory following the byte copying rules. */
  private byte[] copyOut(int from, int length) throws DecompressionFailure {
    byte[] out = new byte[length];
    int s = from;
    for (int i = 0; i < length; i++) {
      out[i] = (byte) read8(s);
      s = nextCopyAddress(s);
    }
    return out;
  }

  private void copyIn(byte[] bytes, int to) throws DecompressionFailure {
    int d = to;
    for (byte b : bytes) {
      write8(d, b);
      d = nextCopyAddress(d);
    }
  }

  private void push(int value) throws DecompressionFailure {
    int location = read16(STACK_LOCATION);
    int fill = read16(location);
    write16(location + 2 * fill + 2, value);
    // stack_fill is not read again: a push at fill 0xFFFF overwrites the pushed word (RFC 4896).
    write16(location, fill + 1);
  }

  private int pop() throws DecompressionFailure {
    int location = read16(STACK_LOCATION);
    int fill = read16(location);
    if (fill == 0) {
      throw fail(NackReason.STACK_UNDERFLOW, "pop from an empty stack");
    }
    fill--;
    write16(location, fill);
    return read16(location + 2 * fill + 2);
  }

  private int inputBitOrder() throws DecompressionFailure {
    int order = read16(INPUT_BIT_ORDER);
    if (order > 7) {
      throw fail(NackReason.BAD_INPUT_BITORDER, "input_bit_order " + order);
    }
    return order;
  }

  private int jump(int target) throws DecompressionFailure {
    if (target >= size) {
      throw fail(NackReason.SEGFAULT, "jump to " + target + " beyond memory " + size);
    }
    return target;
  }

  private void ensureOutput(int length) {
    if (length > output.length) {
      output = Arrays.copyOf(output, Math.max(length, output.length * 2));
    }
  }

  private void charge(long cost) throws DecompressionFailure {
    if (cyclesUsed + cost > cyclesAvailable) {
      throw fail(
          NackReason.CYCLES_EXHAUSTED,
          "instruction needs " + cost + " cycles, " + (cyclesAvailable - cyclesUsed) + " left",
          new byte[] {(byte) cyclesPerBit});
    }
    cyclesUsed += cost;
  }

  private void credit(long bits) {
    cyclesAvailable += bits * cyclesPerBit;
  }

  private DecompressionFailure fail(NackReason reason, String message) {
    return fail(reason, message, new byte[0]);
  }

  private DecompressionFailure fail(NackReason reason, String message, byte[] details) {
    return new DecompressionFailure(reason, message, opcode, pc, details);
  }
}
