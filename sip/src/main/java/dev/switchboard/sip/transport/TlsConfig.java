package dev.switchboard.sip.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the TLS listener (RFC 3261 §26.2) is set up: its port and the PEM files of its certificate
 * chain and PKCS#8 private key. Only TLS 1.2 and 1.3 are offered.
 *
 * @param port TCP port for TLS; 0 for ephemeral (5061 is the default SIPS port)
 * @param certificateChain PEM file, the server's certificate first
 * @param privateKey PEM file with the key of the first certificate ({@code BEGIN PRIVATE KEY})
 * @param handshakeTimeout a connection whose handshake takes longer than this is closed
 */
public record TlsConfig(
    int port, Path certificateChain, Path privateKey, Duration handshakeTimeout) {

  /** The protocol versions we accept: older ones have known breaks (RFC 8996). */
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  public TlsConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("TLS port must be 0 (ephemeral) or 1-65535");
    }
    if (certificateChain == null || privateKey == null) {
      throw new IllegalArgumentException("a TLS listener needs a certificate and a private key");
    }
    if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
      throw new IllegalArgumentException("TLS handshake timeout must be positive");
    }
  }

  /** TLS on {@code port} with these PEM files and a 10 s handshake timeout. */
  public static TlsConfig of(int port, Path certificateChain, Path privateKey) {
    return new TlsConfig(port, certificateChain, privateKey, Duration.ofSeconds(10));
  }

  /** Reads the PEM files into a server context; fails with the file named when one is unusable. */
  SslContext serverContext() throws IOException {
    for (Path p : new Path[] {certificateChain, privateKey}) {
      if (!Files.isReadable(p)) {
        throw new IOException("TLS: cannot read " + p);
      }
    }
    try {
      return SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile())
          .protocols(PROTOCOLS)
          .build();
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          "TLS: cannot use certificate "
              + certificateChain
              + " with key "
              + privateKey
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
