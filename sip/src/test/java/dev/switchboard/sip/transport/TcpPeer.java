package dev.switchboard.sip.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain java.net TCP connection playing the remote SIP element. */
final class TcpPeer implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  TcpPeer(Socket connected) throws IOException {
    socket = connected;
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(5000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  static TcpPeer connect(InetSocketAddress to) throws IOException {
    Socket s = new Socket();
    s.connect(to, 5000);
    return new TcpPeer(s);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  void write(String text) throws IOException {
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  void write(byte[] b) throws IOException {
    out.write(b);
    out.flush();
  }

  /** Reads exactly {@code n} bytes as text; fails after 5 s. */
  String read(int n) throws IOException {
    byte[] b = in.readNBytes(n);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Reads until {@code marker} has been seen, at most 5 s. */
  String readUntil(String marker) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    while (!buf.toString(StandardCharsets.UTF_8).contains(marker)) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("closed before " + marker + ": " + buf);
      }
      buf.write(c);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  /** Reads to the end of the stream and returns what came; fails if it stays open 5 s. */
  String readToEnd() throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** Whether the peer sees the connection closed within {@code millis}. */
  boolean closedWithin(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
