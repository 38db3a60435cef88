package dev.switchboard.server.sip;

import dev.switchboard.sip.transport.TlsConfig;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-signed certificate a node uses for TLS when the operator gave none: made once under the
 * data directory (an ECDSA P-256 key, valid ten years, named for the node's host names and
 * addresses) and reused at every later start, so phones that pinned it keep working.
 */
public final class SelfSignedCertificate {
  private static final Logger log = LoggerFactory.getLogger(SelfSignedCertificate.class);

  static final String CHAIN_FILE = "self-signed.crt";
  static final String KEY_FILE = "self-signed.key";
  private static final Duration VALIDITY = Duration.ofDays(3650);

  private SelfSignedCertificate() {}

  /**
   * The TLS set-up for {@code port} with the certificate in {@code dir}, made first for {@code
   * names} (host names or IP literals, the first one the subject) when it is not there yet.
   */
  public static TlsConfig inDirectory(Path dir, int port, List<String> names) throws IOException {
    Path chain = dir.resolve(CHAIN_FILE);
    Path key = dir.resolve(KEY_FILE);
    if (!Files.exists(chain) || !Files.exists(key)) {
      make(dir, chain, key, names);
    }
    return TlsConfig.of(port, chain, key);
  }

  private static void make(Path dir, Path chain, Path key, List<String> names) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      setPermissions(dir, "rwx------"); // like the rest of the data directory: the key lives here
    }
    Set<String> all = new LinkedHashSet<>(names);
    all.add("localhost");
    all.add("127.0.0.1");
    KeyPair pair;
    X509Certificate cert;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      pair = g.generateKeyPair();
      cert = sign(pair, List.copyOf(all));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot make a self-signed certificate: " + e.getMessage(), e);
    }
    // Key first, private from birth, and both moved into place whole: a crash leaves no half pair.
    Path keyTmp = Files.createTempFile(dir, "key", ".tmp");
    setOwnerOnly(keyTmp);
    Files.writeString(keyTmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Path chainTmp = Files.createTempFile(dir, "crt", ".tmp");
    try {
      Files.writeString(chainTmp, pem("CERTIFICATE", cert.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot encode the certificate", e);
    }
    Files.move(keyTmp, key, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Files.move(
        chainTmp, chain, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    log.info("made a self-signed TLS certificate for {} in {}", all, chain);
  }

  private static X509Certificate sign(KeyPair pair, List<String> names)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, names.get(0)).build();
    Instant now = Instant.now();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            subject,
            new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(VALIDITY)),
            subject,
            pair.getPublic());
    List<GeneralName> alt = new ArrayList<>();
    for (String n : names) {
      alt.add(
          isIpLiteral(n)
              ? new GeneralName(GeneralName.iPAddress, n)
              : new GeneralName(GeneralName.dNSName, n));
    }
    b.addExtension(
        Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(new GeneralName[0])));
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
  }

  private static boolean isIpLiteral(String n) {
    return io.netty.util.NetUtil.isValidIpV4Address(n)
        || io.netty.util.NetUtil.isValidIpV6Address(n);
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static void setOwnerOnly(Path p) throws IOException {
    setPermissions(p, "rw-------");
  }

  private static void setPermissions(Path p, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory's own protection has to do
    }
  }
}
