package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.sipp.Sipp;
import dev.switchboard.server.sipp.Sipp.Result;
import dev.switchboard.server.sipp.Sipp.Transport;
import dev.switchboard.server.sipp.TortureScenario;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code switchboard serve} process answers SIP, and survives the torture messages. */
class ServeSipTest {
  private static final Pattern SIP = Pattern.compile("SIP \\(UDP, TCP\\):\\s+\\S+:(\\d+)");
  private static final Pattern TLS = Pattern.compile("SIP \\(TLS\\):\\s+\\S+:(\\d+)");

  @TempDir Path dir;

  /** The scenario comes from the server module's test jar, so it is copied out to a file. */
  private Path scenario() throws Exception {
    Path file = dir.resolve("options-uac.xml");
    if (!java.nio.file.Files.exists(file)) {
      try (var in = ServeSipTest.class.getResourceAsStream("/sipp/options-uac.xml")) {
        java.nio.file.Files.copy(in, file);
      }
    }
    return file;
  }

  @Test
  void servedProcessAnswersOptionsOverUdpAndTcpBeforeAndAfterTorture() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(
            dir.resolve("serve.log"),
            List.of(
                "serve",
                "--data",
                dir.resolve("data").toString(),
                "--bind",
                "127.0.0.1",
                "--sip-port",
                "0",
                "--http-port",
                "0"))) {
      server.awaitUrl(60);
      int port = Integer.parseInt(server.awaitLine(SIP, 30));
      for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
        Result r = Sipp.scenario(scenario()).remote("127.0.0.1", port).transport(t).calls(3).run();
        assertThat(r.successfulCalls()).as(t + " " + r.describe()).isEqualTo(3);
      }
      try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
        for (TortureScenario.Entry e : TortureScenario.manifest()) {
          byte[] b = e.bytes();
          socket.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", port)));
        }
      }
      Result after = Sipp.scenario(scenario()).remote("127.0.0.1", port).calls(3).run();
      assertThat(after.successfulCalls()).as(after.describe()).isEqualTo(3);
    }
  }

  /** Needs a SIPp built with TLS (Debian's has none): the opt-in {@code sipp-tls} group. */
  @Test
  @org.junit.jupiter.api.Tag("sipp-tls")
  void servedProcessMakesItsSelfSignedCertificateOnceAndAnswersOverTls() throws Exception {
    Path data = dir.resolve("data");
    Path cert = data.resolve("tls/self-signed.crt");
    Path key = data.resolve("tls/self-signed.key");
    String first = null;
    for (int start = 0; start < 2; start++) {
      try (ServerProcess server =
          ServerProcess.start(
              dir.resolve("serve-tls-" + start + ".log"),
              List.of(
                  "serve",
                  "--data",
                  data.toString(),
                  "--bind",
                  "127.0.0.1",
                  "--sip-port",
                  "0",
                  "--tls-port",
                  "0",
                  "--http-port",
                  "0"))) {
        server.awaitUrl(60);
        int tlsPort = Integer.parseInt(server.awaitLine(TLS, 30));
        Result r =
            Sipp.scenario(scenario())
                .remote("127.0.0.1", tlsPort)
                .transport(Transport.TLS)
                .tlsCertificate(cert, key)
                .calls(3)
                .run();
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(3);
        String pem = java.nio.file.Files.readString(cert);
        if (first == null) {
          first = pem;
        } else {
          assertThat(pem).as("the second start reuses the certificate").isEqualTo(first);
        }
      }
    }
    assertThat(java.nio.file.Files.getPosixFilePermissions(key))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }
}
