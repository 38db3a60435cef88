package dev.switchboard.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.sigcomp.CompartmentId;
import dev.switchboard.sip.sigcomp.Compression;
import dev.switchboard.sip.sigcomp.DecompressedMessage;
import dev.switchboard.sip.sigcomp.Decompression;
import dev.switchboard.sip.sigcomp.DecompressionFailure;
import dev.switchboard.sip.sigcomp.RecordDeframer;
import dev.switchboard.sip.sigcomp.RecordMarking;
import dev.switchboard.sip.sigcomp.SigCompConfig;
import dev.switchboard.sip.sigcomp.SigCompEndpoint;
import dev.switchboard.sip.sigcomp.SigCompParameters;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SigComp over TCP (RFC 3320 §4.2, RFC 5049 §4): a connection whose first byte is SigComp carries
 * record-marked compressed messages both ways; a broken record stream closes it.
 */
class SigCompTcpTest {
  private static final MessageParser PARSER = new MessageParser();

  private NettyTransport transport;

  @AfterEach
  void tearDown() {
    if (transport != null) {
      transport.close();
    }
  }

  /** Answers every request 200 and vouches for it, as a registrar does once digest passed. */
  private void start() throws Exception {
    SipMessageHandler answering =
        (m, source) -> {
          if (m instanceof SipRequest r) {
            r.vouch();
            transport.send(r.createResponse(200, null), source);
          }
        };
    transport =
        new NettyTransport(TransportConfig.listen("127.0.0.1", 0).withIoThreads(2), answering)
            .start();
  }

  @Test
  void compressedRequestsAreDecompressedAndAnsweredCompressedOnTheConnection() throws Exception {
    start();
    InetSocketAddress server = transport.listenAddress(TransportKind.TCP);
    CompartmentId serverCompartment = CompartmentId.ofHost("127.0.0.1", server.getPort());
    SigCompEndpoint phone =
        new SigCompEndpoint(
            SigCompConfig.defaults().withLocal(new SigCompParameters(16, 8192, 4096, 2)));
    try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
      InputStream in = socket.getInputStream();
      RecordDeframer records = phone.newStreamDeframer();
      for (int i = 1; i <= 3; i++) {
        byte[] request = register(i);
        Compression c = phone.compress(request, serverCompartment, true);
        assertThat(c).isInstanceOf(Compression.Compressed.class);
        Compression.Compressed compressed = (Compression.Compressed) c;
        if (i == 3) {
          // The 200 OKs acknowledged our state: no bytecode any more.
          assertThat(compressed.uploadedBytecode()).isFalse();
          assertThat(compressed.message().length).isLessThan(request.length / 4);
        }
        socket.getOutputStream().write(RecordMarking.encode(compressed.message()));

        byte[] record = nextRecord(in, records);
        Decompression d = phone.decompress(record, server.getAddress(), true);
        assertThat(d).isInstanceOf(DecompressedMessage.class);
        DecompressedMessage answer = (DecompressedMessage) d;
        answer.commit(serverCompartment);
        SipMessage m = PARSER.parseDatagram(answer.message());
        assertThat(((SipResponse) m).status()).isEqualTo(200);
        assertThat(m.cseq().number()).isEqualTo(i);
      }
    }
    SigCompEndpoint ours = transport.sigComp();
    assertThat(ours.counters().messagesDecompressed()).isEqualTo(3);
    assertThat(ours.counters().messagesCompressed()).isEqualTo(3);
    assertThat(ours.compartmentCount()).isEqualTo(1);
  }

  @Test
  void aBrokenRecordStreamClosesTheConnection() throws Exception {
    start();
    InetSocketAddress server = transport.listenAddress(TransportKind.TCP);
    try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
      socket.setSoTimeout(5_000);
      // A SigComp first byte, then 0xFF followed by a byte no record marking allows.
      socket.getOutputStream().write(new byte[] {(byte) 0xF8, 0x01, (byte) 0xFF, (byte) 0x90});
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(transport.sigComp().compartmentCount()).isZero();
  }

  private static byte[] nextRecord(InputStream in, RecordDeframer records) throws Exception {
    byte[] buf = new byte[4096];
    while (true) {
      int n = in.read(buf);
      assertThat(n).as("the server closed the connection").isPositive();
      try {
        List<byte[]> got = records.feed(buf, 0, n);
        if (!got.isEmpty()) {
          assertThat(got).hasSize(1);
          return got.get(0);
        }
      } catch (DecompressionFailure e) {
        throw new AssertionError("the server's record marking is broken", e);
      }
    }
  }

  private static byte[] register(int cseq) {
    return ("REGISTER sip:a.test SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bK-tcp-"
            + cseq
            + ";comp=sigcomp\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:1001@a.test>;tag=49583\r\n"
            + "To: <sip:1001@a.test>\r\n"
            + "Call-ID: tcp-sigcomp-1\r\n"
            + "CSeq: "
            + cseq
            + " REGISTER\r\n"
            + "Contact: <sip:1001@127.0.0.1:5099;transport=tcp;comp=sigcomp>\r\n"
            + "Expires: 600\r\n"
            + "User-Agent: SigCompTcpTest\r\n"
            + "Content-Length: 0\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
