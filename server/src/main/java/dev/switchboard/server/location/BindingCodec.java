package dev.switchboard.server.location;

import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.TransportKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The binary form of an AOR's binding set in the journal and its snapshots: compact, versioned, and
 * read back into the same {@link Binding}s (a source address is always an IP literal, so reading
 * resolves nothing).
 */
final class BindingCodec {
  private static final int VERSION = 1;

  private BindingCodec() {}

  static void write(DataOutputStream out, AorSnapshot s) throws IOException {
    out.writeByte(VERSION);
    utf(out, s.aor());
    out.writeShort(s.bindings().size());
    for (Binding b : s.bindings()) {
      utf(out, b.contactText());
      out.writeShort(b.qMillis());
      out.writeLong(b.expiresAtMillis());
      utf(out, b.callId());
      out.writeLong(b.cseq());
      utf(
          out,
          b.path().isEmpty()
              ? ""
              : b.path().stream().map(Address::toString).collect(Collectors.joining(", ")));
      out.writeByte(b.source().transport().ordinal());
      byte[] ip = b.source().address().getAddress().getAddress();
      out.writeByte(ip.length);
      out.write(ip);
      out.writeShort(b.source().address().getPort());
      utf(out, b.userAgent() == null ? "" : b.userAgent());
      out.writeLong(b.updatedAtMillis());
    }
  }

  /**
   * {@link DataOutputStream#writeUTF}'s format, with ASCII (nearly every string here) copied as it
   * is: the stream's per-character encoder was 5 % of a REGISTER's CPU on the writer thread.
   */
  private static void utf(DataOutputStream out, String s) throws IOException {
    int n = s.length();
    if (n > 0xffff) {
      out.writeUTF(s); // reports the length
      return;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == 0 || c > 0x7f) {
        out.writeUTF(s);
        return;
      }
    }
    out.writeShort(n);
    out.write(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  static AorSnapshot read(ByteBuffer in) throws IOException {
    int version = Byte.toUnsignedInt(in.get());
    if (version != VERSION) {
      throw new IOException("unknown binding record version " + version);
    }
    String aor = utf(in);
    int n = Short.toUnsignedInt(in.getShort());
    List<Binding> bindings = new ArrayList<>(n);
    TransportKind[] kinds = TransportKind.values();
    for (int i = 0; i < n; i++) {
      String contact = utf(in);
      int q = Short.toUnsignedInt(in.getShort());
      long expires = in.getLong();
      String callId = utf(in);
      long cseq = in.getLong();
      String path = utf(in);
      int kind = Byte.toUnsignedInt(in.get());
      if (kind >= kinds.length) {
        throw new IOException("unknown transport " + kind);
      }
      byte[] ip = new byte[Byte.toUnsignedInt(in.get())];
      in.get(ip);
      int port = Short.toUnsignedInt(in.getShort());
      String userAgent = utf(in);
      long updated = in.getLong();
      bindings.add(
          new Binding(
              aor,
              contact,
              q,
              expires,
              callId,
              cseq,
              path.isEmpty() ? List.of() : Address.parseList(path),
              new Endpoint(kinds[kind], new InetSocketAddress(InetAddress.getByAddress(ip), port)),
              userAgent.isEmpty() ? null : userAgent,
              updated));
    }
    return new AorSnapshot(aor, bindings);
  }

  /**
   * A string as {@link DataOutputStream#writeUTF} wrote it. Almost every one is ASCII, copied as it
   * is; a restart of 1,000,000 bindings spent a third of its time in the stream decoder.
   */
  private static String utf(ByteBuffer in) throws IOException {
    int len = Short.toUnsignedInt(in.getShort());
    if (len > in.remaining()) {
      throw new IOException("string longer than its record");
    }
    byte[] a = in.array();
    int from = in.arrayOffset() + in.position();
    for (int i = from; i < from + len; i++) {
      if (a[i] <= 0) { // non-ASCII, or NUL which modified UTF-8 writes as two bytes
        DataInputStream d = new DataInputStream(new ByteArrayInputStream(a, from - 2, len + 2));
        String s = d.readUTF();
        in.position(in.position() + len);
        return s;
      }
    }
    in.position(in.position() + len);
    return new String(a, from, len, StandardCharsets.ISO_8859_1);
  }

  /** One batch as the payload of one journal frame. */
  static byte[] encode(List<AorSnapshot> batch) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * batch.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(batch.size());
      for (AorSnapshot s : batch) {
        write(out, s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  static List<AorSnapshot> decode(byte[] payload) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(payload);
    try {
      int n = in.getInt();
      if (n < 0 || n > payload.length) {
        throw new IOException("bad batch size " + n);
      }
      List<AorSnapshot> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(read(in));
      }
      return out;
    } catch (BufferUnderflowException e) {
      throw new EOFException("record cut short");
    }
  }
}
