package dev.switchboard.server.wire;

import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.sigcomp.CompartmentId;
import dev.switchboard.sip.sigcomp.Compression;
import dev.switchboard.sip.sigcomp.DecompressedMessage;
import dev.switchboard.sip.sigcomp.Decompression;
import dev.switchboard.sip.sigcomp.Nack;
import dev.switchboard.sip.sigcomp.SigCompConfig;
import dev.switchboard.sip.sigcomp.SigCompEndpoint;
import dev.switchboard.sip.sigcomp.SigCompFraming;
import dev.switchboard.sip.sigcomp.SigCompParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A phone that speaks SigComp over UDP with our own compressor and decompressor (RFC 3320): every
 * request it sends is compressed, every answer decompressed when it comes compressed. With {@code
 * keepState} it keeps what the server's messages ask it to keep and acknowledges them, so both
 * sides compress against earlier messages; without, every message starts from nothing.
 */
public final class SigCompPhone implements AutoCloseable {
  private static final MessageParser PARSER = new MessageParser();

  /** What arrived: the SIP message, whether it came compressed, and its size on the wire. */
  public record Received(SipMessage message, boolean compressed, int wireBytes) {}

  /** What went out: plain and compressed sizes, and whether our bytecode travelled with it. */
  public record Sent(int plainBytes, int wireBytes, boolean uploadedBytecode) {}

  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private final CompartmentId serverCompartment;
  private final SigCompEndpoint sigComp;
  private final boolean keepState;
  private final Thread reader;
  private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
  private final List<Nack> nacks = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private volatile boolean open = true;

  /**
   * @param dictionary whether our compressor uses RFC 3485's dictionary
   * @param keepState whether the phone keeps the server's states and acknowledges its messages
   */
  public SigCompPhone(InetSocketAddress server, boolean dictionary, boolean keepState) {
    try {
      this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.server = server;
    this.serverCompartment = CompartmentId.ofHost("127.0.0.1", server.getPort());
    // What 3GPP TS 24.229 §8.1.1 asks of a phone: 8 KB decompression and 4 KB state memory.
    this.sigComp =
        new SigCompEndpoint(
            SigCompConfig.defaults()
                .withLocal(new SigCompParameters(16, 8192, 4096, 2))
                .withDictionary(dictionary));
    this.keepState = keepState;
    this.reader = new Thread(this::read, "sigcomp-phone-" + socket.getLocalPort());
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    byte[] buf = new byte[65_536];
    while (open) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return;
      }
      byte[] bytes = Arrays.copyOf(p.getData(), p.getLength());
      try {
        if (!SigCompFraming.isSigComp(bytes)) {
          inbox.add(new Received(PARSER.parseDatagram(bytes), false, bytes.length));
          continue;
        }
        Decompression d = sigComp.decompress(bytes, server.getAddress(), false);
        if (d instanceof DecompressedMessage m) {
          if (keepState) {
            m.commit(serverCompartment); // we trust our server
          }
          inbox.add(new Received(PARSER.parseDatagram(m.message()), true, bytes.length));
        } else if (d instanceof Decompression.NackReceived n) {
          nacks.add(n.nack());
        } else if (d instanceof Decompression.Failed f) {
          failures.add(f.failure().toString());
        }
      } catch (RuntimeException e) {
        failures.add(e.toString());
      }
    }
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** Compresses {@code m} for the server and sends it; fails when our compressor refuses. */
  public Sent send(SipMessage m) {
    byte[] plain = m.toBytes();
    Compression c = sigComp.compress(plain, serverCompartment, false);
    if (!(c instanceof Compression.Compressed compressed)) {
      throw new IllegalStateException("not compressed: " + c);
    }
    sendRaw(compressed.message());
    Sent s = new Sent(plain.length, compressed.message().length, compressed.uploadedBytecode());
    sent.add(s);
    return s;
  }

  /** Sends bytes as they are. */
  public void sendRaw(byte[] bytes) {
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, server));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next message other than 100 Trying in {@code callId} with CSeq {@code cseq}, or null. */
  public Received response(String callId, long cseq, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        Received r = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
        if (r == null) {
          return null;
        }
        if (r.message() instanceof SipResponse s
            && s.status() > 100
            && s.callId().equals(callId)
            && s.cseq().number() == cseq) {
          return r;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** NACKs the server sent back (RFC 4077). */
  public List<Nack> nacks() {
    return List.copyOf(nacks);
  }

  /** Messages from the server that would not decompress here: a test expects none. */
  public List<String> failures() {
    return List.copyOf(failures);
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  @Override
  public void close() {
    open = false;
    socket.close();
    try {
      reader.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
