package dev.switchboard.sip.sigcomp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An assembler for the UDVM assembly language of RFC 4464 §3: instructions with literal, reference,
 * multitype and address operands, labels, {@code set}, {@code pad}, {@code align}, {@code at},
 * {@code byte}, {@code word} and {@code readonly}, and fully parenthesised expressions with {@code
 * .} and {@code !}. Operands get their shortest encoding; the passes repeat until every label
 * settles (an operand never shrinks between passes, so they always settle).
 */
final class UdvmAssembler {

  /** Assembly that cannot be turned into bytecode; the message names the line. */
  static final class AssemblyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AssemblyException(String message) {
      super(message);
    }
  }

  /** The assembled memory image from address 0, with the value of every name. */
  record Assembly(byte[] image, Map<String, Integer> symbols) {
    int symbol(String name) {
      Integer v = symbols.get(name);
      if (v == null) {
        throw new AssemblyException("no symbol " + name);
      }
      return v;
    }

    /**
     * The bytes to upload for code starting at {@code destination}: up to the last non-zero byte,
     * since the UDVM zeroes the rest (RFC 4464 §3.3).
     */
    byte[] upload(int destination) {
      int end = image.length;
      while (end > destination && image[end - 1] == 0) {
        end--;
      }
      return Arrays.copyOfRange(image, destination, end);
    }
  }

  private UdvmAssembler() {}

  /** Assembles {@code source}. */
  static Assembly assemble(String source) {
    List<Item> items = new Parser(new Lexer(source).tokens()).items();
    return new Passes(items).run();
  }

  // ---------------------------------------------------------------------------------------------
  // Lexical level (RFC 4464 §3.1)

  private enum Kind {
    NAME,
    OPCODE,
    NUMBER,
    DELIMITER
  }

  private record Token(Kind kind, String text, long number, int line) {
    boolean is(String s) {
      return kind == Kind.DELIMITER && text.equals(s);
    }
  }

  private static final class Lexer {
    private final String s;
    private int p;
    private int line = 1;

    Lexer(String s) {
      this.s = s;
    }

    List<Token> tokens() {
      List<Token> out = new ArrayList<>();
      while (true) {
        skipSpace();
        if (p >= s.length()) {
          return out;
        }
        char c = s.charAt(p);
        if (c >= 'a' && c <= 'z' || c == '_') {
          int start = p;
          while (p < s.length() && (isLower(s.charAt(p)) || isDigit(s.charAt(p)))) {
            p++;
          }
          out.add(new Token(Kind.NAME, s.substring(start, p), 0, line));
        } else if (c >= 'A' && c <= 'Z') {
          int start = p;
          while (p < s.length()
              && (isUpper(s.charAt(p)) || isDigit(s.charAt(p)) || s.charAt(p) == '-')) {
            p++;
          }
          out.add(new Token(Kind.OPCODE, s.substring(start, p), 0, line));
        } else if (isDigit(c)) {
          out.add(number());
        } else if (s.startsWith("<<", p) || s.startsWith(">>", p)) {
          out.add(new Token(Kind.DELIMITER, s.substring(p, p + 2), 0, line));
          p += 2;
        } else if (".,!$:()+-*/%&|^~".indexOf(c) >= 0) {
          out.add(new Token(Kind.DELIMITER, String.valueOf(c), 0, line));
          p++;
        } else {
          throw new AssemblyException("line " + line + ": unexpected character '" + c + "'");
        }
      }
    }

    private Token number() {
      int start = p;
      int radix = 10;
      if (s.startsWith("0x", p) || s.startsWith("0X", p)) {
        radix = 16;
        p += 2;
      } else if (s.startsWith("0b", p)) {
        radix = 2;
        p += 2;
      }
      int digits = p;
      while (p < s.length() && Character.digit(s.charAt(p), radix) >= 0) {
        p++;
      }
      if (p == digits) {
        throw new AssemblyException("line " + line + ": bad number " + s.substring(start, p));
      }
      return new Token(
          Kind.NUMBER, s.substring(start, p), Long.parseLong(s.substring(digits, p), radix), line);
    }

    private void skipSpace() {
      while (p < s.length()) {
        char c = s.charAt(p);
        if (c == ';') {
          while (p < s.length() && s.charAt(p) != '\n' && s.charAt(p) != '\r') {
            p++;
          }
        } else if (c == ' ' || c == '\t' || c == '\r') {
          p++;
        } else if (c == '\n') {
          line++;
          p++;
        } else {
          return;
        }
      }
    }

    private static boolean isLower(char c) {
      return c >= 'a' && c <= 'z' || c == '_';
    }

    private static boolean isUpper(char c) {
      return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Syntactic level (RFC 4464 §3.2)

  private sealed interface Expr permits Num, Name, Here, Failure, Binary {}

  private record Num(long value) implements Expr {}

  private record Name(String name, int line) implements Expr {}

  private record Here() implements Expr {}

  private record Failure() implements Expr {}

  private record Binary(String op, Expr left, Expr right) implements Expr {}

  private sealed interface Item permits Label, Set, Padding, Data, Readonly, Instruction {}

  private record Label(String name) implements Item {}

  private record Set(String name, Expr value) implements Item {}

  private record Padding(String kind, Expr amount, int line) implements Item {}

  private record Data(int width, List<Expr> values, int line) implements Item {}

  private record Readonly(boolean on) implements Item {}

  /** An operand; {@code expr} null when left blank for the assembler to infer. */
  private record Operand(boolean dollar, Expr expr) {}

  private record Instruction(Opcode opcode, List<Operand> operands, int line) implements Item {}

  private static final class Parser {
    private final List<Token> t;
    private int p;

    Parser(List<Token> tokens) {
      this.t = tokens;
    }

    List<Item> items() {
      List<Item> out = new ArrayList<>();
      while (p < t.size()) {
        Token k = t.get(p++);
        if (k.is(":")) {
          out.add(new Label(expectName().text));
        } else if (k.kind == Kind.OPCODE) {
          out.add(instruction(k));
        } else if (k.kind == Kind.NAME) {
          out.add(directive(k));
        } else {
          throw error(k, "expected an instruction, directive or label");
        }
      }
      return out;
    }

    private Item instruction(Token k) {
      Opcode op = Opcode.ofMnemonic(k.text);
      if (op == null) {
        throw error(k, "unknown instruction " + k.text);
      }
      List<Operand> operands = new ArrayList<>();
      if (p < t.size() && t.get(p).is("(")) {
        p++;
        do {
          boolean dollar = false;
          if (peek().is("$")) {
            p++;
            dollar = true;
          }
          Expr e = peek().is(",") || peek().is(")") ? null : expression();
          operands.add(new Operand(dollar, e));
        } while (accept(","));
        expect(")");
      }
      return new Instruction(op, operands, k.line);
    }

    private Item directive(Token k) {
      switch (k.text) {
        case "pad", "align", "at" -> {
          expect("(");
          Expr e = expression();
          expect(")");
          return new Padding(k.text, e, k.line);
        }
        case "byte", "word" -> {
          expect("(");
          List<Expr> values = new ArrayList<>();
          do {
            values.add(expression());
          } while (accept(","));
          expect(")");
          return new Data(k.text.equals("byte") ? 1 : 2, values, k.line);
        }
        case "set" -> {
          expect("(");
          String name = expectName().text;
          expect(",");
          Expr e = expression();
          expect(")");
          return new Set(name, e);
        }
        case "readonly" -> {
          expect("(");
          Token n = t.get(p++);
          if (n.kind != Kind.NUMBER || n.number > 1) {
            throw error(n, "readonly takes 0 or 1");
          }
          expect(")");
          return new Readonly(n.number == 1);
        }
        default -> throw error(k, "unknown directive " + k.text);
      }
    }

    private Expr expression() {
      Token k = t.get(p++);
      if (k.is("(")) {
        Expr left = expression();
        Token op = t.get(p++);
        if (op.kind != Kind.DELIMITER || "+-*/%&|^~<<>>".indexOf(op.text) < 0) {
          throw error(op, "expected an operator");
        }
        Expr right = expression();
        expect(")");
        return new Binary(op.text, left, right);
      }
      return switch (k.kind) {
        case NUMBER -> new Num(k.number);
        case NAME -> new Name(k.text, k.line);
        case DELIMITER -> {
          if (k.is(".")) {
            yield new Here();
          }
          if (k.is("!")) {
            yield new Failure();
          }
          throw error(k, "expected a value");
        }
        case OPCODE -> throw error(k, "expected a value");
      };
    }

    private Token peek() {
      if (p >= t.size()) {
        throw new AssemblyException("unexpected end of assembly");
      }
      return t.get(p);
    }

    private boolean accept(String d) {
      if (p < t.size() && t.get(p).is(d)) {
        p++;
        return true;
      }
      return false;
    }

    private void expect(String d) {
      Token k = peek();
      if (!k.is(d)) {
        throw error(k, "expected '" + d + "'");
      }
      p++;
    }

    private Token expectName() {
      Token k = peek();
      if (k.kind != Kind.NAME) {
        throw error(k, "expected a name");
      }
      p++;
      return k;
    }

    private static AssemblyException error(Token k, String message) {
      return new AssemblyException("line " + k.line + ": " + message + " at '" + k.text + "'");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Code generation

  private static final class Passes {
    private static final int FREE_PASSES = 8;

    private final List<Item> items;
    private Map<String, Long> symbols = new HashMap<>();
    private final Map<Integer, Integer> widths = new HashMap<>();
    private byte[] previous = new byte[0];
    private boolean[] previousReadonly = new boolean[0];
    private boolean finalPass;
    private Emitter current;
    private int pass;

    Passes(List<Item> items) {
      this.items = items;
    }

    Assembly run() {
      for (pass = 0; pass < 32; pass++) {
        Emitter e = emit();
        if (e.symbols.equals(symbols) && Arrays.equals(e.bytes(), previous)) {
          finalPass = true;
          Emitter last = emit();
          Map<String, Integer> out = new HashMap<>();
          last.symbols.forEach((k, v) -> out.put(k, (int) (long) v));
          return new Assembly(last.bytes(), out);
        }
        symbols = e.symbols;
        previous = e.bytes();
        previousReadonly = e.readonlyMap();
      }
      throw new AssemblyException("labels did not settle");
    }

    private Emitter emit() {
      Emitter e = new Emitter();
      current = e;
      int operandIndex = 0;
      for (Item item : items) {
        if (item instanceof Label l) {
          define(e, l.name(), e.position());
        } else if (item instanceof Set s) {
          define(e, s.name(), eval(s.value(), e.position()));
        } else if (item instanceof Padding pad) {
          long n = eval(pad.amount(), e.position());
          int to =
              switch (pad.kind()) {
                case "pad" -> (int) (e.position() + n);
                case "align" -> n <= 0 ? e.position() : (int) ((e.position() + n - 1) / n * n);
                default -> (int) n;
              };
          if (to < e.position()) {
            // Early passes may overshoot while labels settle; only the last one must fit.
            if (finalPass || pass >= FREE_PASSES) {
              throw new AssemblyException(
                  "line " + pad.line() + ": at (" + n + ") is behind " + e.position());
            }
            to = e.position();
          }
          e.padTo(to);
        } else if (item instanceof Data d) {
          for (Expr x : d.values()) {
            long v = eval(x, e.position());
            if (v < 0 || v >= 1L << (8 * d.width())) {
              throw new AssemblyException("line " + d.line() + ": " + v + " does not fit");
            }
            if (d.width() == 2) {
              e.put((int) (v >> 8));
            }
            e.put((int) v);
          }
        } else if (item instanceof Readonly r) {
          e.readonly = r.on();
        } else {
          operandIndex = instruction(e, (Instruction) item, operandIndex);
        }
      }
      return e;
    }

    private void define(Emitter e, String name, long value) {
      if (e.symbols.put(name, value) != null) {
        throw new AssemblyException("name defined twice: " + name);
      }
    }

    private int instruction(Emitter e, Instruction in, int operandIndex) {
      int pc = e.position();
      String kinds = operandKinds(in);
      e.put(in.opcode().code);
      for (int i = 0; i < in.operands().size(); i++) {
        Operand o = in.operands().get(i);
        char kind = kinds.charAt(i);
        long value;
        if (o.expr() == null) {
          if (kind != '#') {
            throw new AssemblyException(
                "line " + in.line() + ": only a literal count may be blank");
          }
          value = (in.operands().size() - i - 1) / in.opcode().repeated().length();
        } else {
          value = eval(o.expr(), pc);
        }
        if (kind == '$' && !o.dollar()) {
          throw new AssemblyException("line " + in.line() + ": operand " + (i + 1) + " needs '$'");
        }
        if (kind == '#' && o.dollar()) {
          throw new AssemblyException("line " + in.line() + ": a literal cannot take '$'");
        }
        if (kind == '@' && !o.dollar()) {
          value = value - pc;
        }
        int v = (int) (value & 0xFFFF);
        int key = operandIndex++;
        int min = pass >= FREE_PASSES ? widths.getOrDefault(key, 1) : 1;
        byte[] enc =
            switch (kind) {
              case '#' -> literal(v, min);
              case '$' -> reference(v, min);
              default -> o.dollar() ? multitypeReference(v, min) : multitypeValue(v, min);
            };
        // Early passes take the shortest encoding for the labels of the pass before; should
        // that keep flipping, later passes only let an operand grow, which must settle.
        if (pass >= FREE_PASSES) {
          widths.put(key, enc.length);
        }
        for (byte b : enc) {
          e.put(b & 0xFF);
        }
      }
      return operandIndex;
    }

    private String operandKinds(Instruction in) {
      Opcode op = in.opcode();
      String fixed = op.operands;
      int given = in.operands().size();
      if (op.repeated().isEmpty()) {
        if (given != fixed.length()) {
          throw new AssemblyException(
              "line "
                  + in.line()
                  + ": "
                  + op.mnemonic()
                  + " takes "
                  + fixed.length()
                  + " operands");
        }
        return fixed;
      }
      int extra = given - fixed.length();
      if (extra < 0 || extra % op.repeated().length() != 0) {
        throw new AssemblyException(
            "line " + in.line() + ": wrong operand count for " + op.mnemonic());
      }
      return fixed + op.repeated().repeat(extra / op.repeated().length());
    }

    private long eval(Expr x, long here) {
      if (x instanceof Num n) {
        return n.value();
      }
      if (x instanceof Name n) {
        // A name defined earlier in this pass has its value now; a later one, last pass's.
        Long v =
            current.symbols.containsKey(n.name())
                ? current.symbols.get(n.name())
                : symbols.get(n.name());
        if (v == null) {
          if (finalPass) {
            throw new AssemblyException("line " + n.line() + ": undefined name " + n.name());
          }
          return 0;
        }
        return v;
      }
      if (x instanceof Here) {
        return here;
      }
      if (x instanceof Failure) {
        return closestZero((int) here);
      }
      Binary b = (Binary) x;
      long l = eval(b.left(), here);
      long r = eval(b.right(), here);
      return switch (b.op()) {
        case "+" -> l + r;
        case "-" -> l - r;
        case "*" -> l * r;
        case "/" -> r == 0 ? 0 : l / r;
        case "%" -> r == 0 ? 0 : Math.floorMod(l, r);
        case "&" -> l & r;
        case "|" -> l | r;
        case "^" -> l ^ r;
        case "~" -> ~(l ^ r);
        case "<<" -> l << r;
        default -> l >> r;
      };
    }

    /** The read-only zero byte nearest {@code here} in the last pass: a DECOMPRESSION-FAILURE. */
    private int closestZero(int here) {
      int best = -1;
      for (int a = 0; a < previous.length; a++) {
        if (previous[a] == 0
            && previousReadonly[a]
            && (best < 0 || Math.abs(a - here) < Math.abs(best - here))) {
          best = a;
        }
      }
      if (best < 0 && finalPass) {
        throw new AssemblyException("'!' used but no read-only zero byte exists");
      }
      return Math.max(best, 0);
    }
  }

  private static final class Emitter {
    private byte[] buf = new byte[256];
    private boolean[] ro = new boolean[256];
    private int pos;
    boolean readonly = true;
    final Map<String, Long> symbols = new HashMap<>();

    int position() {
      return pos;
    }

    void put(int b) {
      grow(pos + 1);
      ro[pos] = readonly;
      buf[pos++] = (byte) b;
    }

    void padTo(int to) {
      if (to > 65536) {
        throw new AssemblyException("bytecode beyond 65536 bytes");
      }
      grow(to);
      for (int a = pos; a < to; a++) {
        ro[a] = readonly;
      }
      pos = to;
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, pos);
    }

    boolean[] readonlyMap() {
      return Arrays.copyOf(ro, pos);
    }

    private void grow(int n) {
      if (n > buf.length) {
        int size = Math.max(n, buf.length * 2);
        buf = Arrays.copyOf(buf, size);
        ro = Arrays.copyOf(ro, size);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Operand encodings (RFC 3320 §8.5), shortest first but never shorter than {@code min}

  static byte[] literal(int v, int min) {
    if (min <= 1 && v < 128) {
      return new byte[] {(byte) v};
    }
    if (min <= 2 && v < 16384) {
      return new byte[] {(byte) (0x80 | v >> 8), (byte) v};
    }
    return new byte[] {(byte) 0xC0, (byte) (v >> 8), (byte) v};
  }

  static byte[] reference(int address, int min) {
    if (min <= 1 && (address & 1) == 0 && address < 256) {
      return new byte[] {(byte) (address / 2)};
    }
    if (min <= 2 && (address & 1) == 0 && address < 32768) {
      int n = address / 2;
      return new byte[] {(byte) (0x80 | n >> 8), (byte) n};
    }
    return new byte[] {(byte) 0xC0, (byte) (address >> 8), (byte) address};
  }

  static byte[] multitypeValue(int v, int min) {
    if (min <= 1) {
      if (v < 64) {
        return new byte[] {(byte) v};
      }
      if (v == 64 || v == 128) {
        return new byte[] {(byte) (v == 64 ? 0x86 : 0x87)};
      }
      if (Integer.bitCount(v) == 1 && v >= 256) {
        return new byte[] {(byte) (0x88 | Integer.numberOfTrailingZeros(v) - 8)};
      }
      if (v >= 65504) {
        return new byte[] {(byte) (0xE0 | v - 65504)};
      }
    }
    if (min <= 2) {
      if (v < 8192) {
        return new byte[] {(byte) (0xA0 | v >> 8), (byte) v};
      }
      if (v >= 61440) {
        int n = v - 61440;
        return new byte[] {(byte) (0x90 | n >> 8), (byte) n};
      }
    }
    return new byte[] {(byte) 0x80, (byte) (v >> 8), (byte) v};
  }

  static byte[] multitypeReference(int address, int min) {
    if (min <= 1 && (address & 1) == 0 && address < 128) {
      return new byte[] {(byte) (0x40 | address / 2)};
    }
    if (min <= 2 && address < 8192) {
      return new byte[] {(byte) (0xC0 | address >> 8), (byte) address};
    }
    return new byte[] {(byte) 0x81, (byte) (address >> 8), (byte) address};
  }
}
