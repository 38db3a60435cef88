package dev.switchboard.server.location;

import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
    out.writeUTF(s.aor());
    out.writeShort(s.bindings().size());
    for (Binding b : s.bindings()) {
      out.writeUTF(b.contactText());
      out.writeShort(b.qMillis());
      out.writeLong(b.expiresAtMillis());
      out.writeUTF(b.callId());
      out.writeLong(b.cseq());
      out.writeUTF(b.path().stream().map(Address::toString).collect(Collectors.joining(", ")));
      out.writeByte(b.source().transport().ordinal());
      byte[] ip = b.source().address().getAddress().getAddress();
      out.writeByte(ip.length);
      out.write(ip);
      out.writeShort(b.source().address().getPort());
      out.writeUTF(b.userAgent() == null ? "" : b.userAgent());
      out.writeLong(b.updatedAtMillis());
    }
  }

  static AorSnapshot read(DataInput in) throws IOException {
    int version = in.readUnsignedByte();
    if (version != VERSION) {
      throw new IOException("unknown binding record version " + version);
    }
    String aor = in.readUTF();
    int n = in.readUnsignedShort();
    List<Binding> bindings = new ArrayList<>(n);
    TransportKind[] kinds = TransportKind.values();
    for (int i = 0; i < n; i++) {
      String contact = in.readUTF();
      int q = in.readUnsignedShort();
      long expires = in.readLong();
      String callId = in.readUTF();
      long cseq = in.readLong();
      String path = in.readUTF();
      int kind = in.readUnsignedByte();
      if (kind >= kinds.length) {
        throw new IOException("unknown transport " + kind);
      }
      byte[] ip = new byte[in.readUnsignedByte()];
      in.readFully(ip);
      int port = in.readUnsignedShort();
      String userAgent = in.readUTF();
      long updated = in.readLong();
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
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
    int n = in.readInt();
    if (n < 0 || n > payload.length) {
      throw new IOException("bad batch size " + n);
    }
    List<AorSnapshot> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(read(in));
    }
    return out;
  }
}
