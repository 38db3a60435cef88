package dev.switchboard.app;

import dev.switchboard.console.edge.HttpSettings;
import dev.switchboard.media.rtp.PortRange;
import dev.switchboard.server.dns.DnsSettings;
import dev.switchboard.server.dns.ServerLocator;
import dev.switchboard.server.edge.EdgeConfig;
import dev.switchboard.server.edge.NetworkBlock;
import dev.switchboard.server.proxy.RouteTable;
import dev.switchboard.server.sip.SelfSignedCertificate;
import dev.switchboard.server.sip.SipServiceConfig;
import dev.switchboard.server.voicemail.SmtpSettings;
import dev.switchboard.server.voicemail.SmtpTrust;
import dev.switchboard.sip.auth.ChallengeOrder;
import dev.switchboard.sip.transport.TlsConfig;
import dev.switchboard.sip.transport.TransportKind;
import dev.switchboard.store.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options {@code serve} and {@code demo} share: where data lives and which ports to open. */
public final class NodeOptions {

  @Option(
      names = "--data",
      description = "Data directory of the embedded database (default: ${DEFAULT-VALUE}).",
      defaultValue = "data")
  Path data;

  @Option(
      names = "--bind",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.0.0.0")
  String bind;

  @Option(
      names = "--sip-port",
      description = "SIP UDP and TCP port (default: ${DEFAULT-VALUE}).",
      defaultValue = "5060")
  int sipPort;

  @Option(
      names = "--tls-port",
      description =
          "SIP over TLS port (RFC 3261 §26); default 5061 with --sip-port 5060, an ephemeral one"
              + " with --sip-port 0, off with any other --sip-port; -1 turns TLS off.")
  Integer tlsPort;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description =
          "TLS certificate chain, PEM, the server's certificate first (with --tls-key). Without"
              + " both, a self-signed certificate is made once under --data/tls and reused.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      description = "Private key of --tls-cert, PEM in PKCS#8 (BEGIN PRIVATE KEY).")
  Path tlsKey;

  @Option(
      names = "--route",
      paramLabel = "DOMAIN=HOST:PORT",
      description =
          "Static next hop for a foreign SIP domain; repeatable. Other foreign domains are"
              + " located by DNS (--dns-server), else get 404.")
  List<String> routes = new ArrayList<>();

  @Option(
      names = "--dns-server",
      paramLabel = "HOST:PORT",
      description =
          "Resolver for locating foreign SIP domains (RFC 3263: NAPTR, SRV, A/AAAA); an IP"
              + " address and port. Default: the system's resolvers. --route entries come first.")
  String dnsServer;

  @Option(
      names = "--advertise",
      description =
          "Host written into Via and Record-Route; default the bind address, or 127.0.0.1 when"
              + " binding 0.0.0.0 (set it when peers on other hosts must reach this node).")
  String advertise;

  @Option(
      names = "--digest-challenge-order",
      paramLabel = "sha256-first|md5-first|md5-only",
      description =
          "Digest challenges in 401 and 407 (default: ${DEFAULT-VALUE}, RFC 8760 §2.4);"
              + " md5-first for MD5-only phones that read just the first challenge, md5-only for"
              + " phones that fail on any SHA-256 challenge (baresip 1.0).",
      defaultValue = "sha256-first")
  String digestChallengeOrder;

  @Option(
      names = "--http-port",
      description =
          "HTTP port for the console and API; 0 picks a free port (default: ${DEFAULT-VALUE}).",
      defaultValue = "8080")
  int httpPort;

  @Option(
      names = "--admin-token",
      description =
          "Bearer token for the API (env SWITCHBOARD_ADMIN_TOKEN); generated when absent. Prefer"
              + " the environment or --admin-token-file: other users see a command line in ps.",
      defaultValue = "${env:SWITCHBOARD_ADMIN_TOKEN}")
  String adminToken;

  @Option(
      names = "--admin-token-file",
      paramLabel = "PATH",
      description =
          "File whose first line is the API bearer token (env SWITCHBOARD_ADMIN_TOKEN_FILE).",
      defaultValue = "${env:SWITCHBOARD_ADMIN_TOKEN_FILE}")
  Path adminTokenFile;

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description =
          "The URL users open (env SWITCHBOARD_PUBLIC_URL), e.g. https://pbx.example.com/ behind"
              + " a TLS-terminating proxy: with https the session cookie is always Secure.",
      defaultValue = "${env:SWITCHBOARD_PUBLIC_URL}")
  String publicUrl;

  @Option(
      names = "--trusted-proxy",
      paramLabel = "ADDR[/BITS]",
      description =
          "Address or CIDR block of a proxy whose X-Forwarded-Proto and X-Forwarded-For are"
              + " believed; repeatable. Others' forwarded headers are ignored.")
  List<String> trustedProxies = new ArrayList<>();

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--db-url",
      description =
          "JDBC URL of a PostgreSQL database (env SWITCHBOARD_DB_URL); embedded H2 when absent.",
      defaultValue = "${env:SWITCHBOARD_DB_URL}")
  String dbUrl;

  @Option(
      names = "--db-user",
      description = "Database user (env SWITCHBOARD_DB_USER).",
      defaultValue = "${env:SWITCHBOARD_DB_USER}")
  String dbUser;

  @Option(
      names = "--db-password",
      description = "Database password (env SWITCHBOARD_DB_PASSWORD).",
      defaultValue = "${env:SWITCHBOARD_DB_PASSWORD}")
  String dbPassword;

  @Option(
      names = "--trusted-network",
      paramLabel = "CIDR|none",
      description =
          "Sources exempt from the per-address flood limit and scanner blocks; repeatable"
              + " (default: 127.0.0.0/8 and ::1; 'none' trusts no one). Digest failures are"
              + " counted for everyone.")
  List<String> trustedNetworks = new ArrayList<>();

  @Option(
      names = "--sip-receive-buffer",
      paramLabel = "BYTES",
      description =
          "Kernel receive buffer asked for each UDP socket (default: ${DEFAULT-VALUE}; Linux"
              + " caps it at net.core.rmem_max, logged when it does).",
      defaultValue = "8388608")
  int sipReceiveBuffer;

  @Option(
      names = "--rtp-ports",
      paramLabel = "MIN-MAX",
      description =
          "UDP ports for the media the server answers itself (voicemail) (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "20000-20999")
  String rtpPorts;

  @Option(
      names = "--smtp-host",
      description =
          "SMTP server that voicemail e-mail goes out through (a mailbox's owner gives the"
              + " address); without it no e-mail is sent.")
  String smtpHost;

  @Option(
      names = "--smtp-port",
      description = "Port of --smtp-host (default: 25, 587 with starttls, 465 with implicit).")
  Integer smtpPort;

  @Option(
      names = "--smtp-from",
      paramLabel = "ADDRESS",
      description = "Sender address of voicemail e-mail (default: voicemail@ the --smtp-host).")
  String smtpFrom;

  @Option(
      names = "--smtp-tls",
      paramLabel = "none|starttls|implicit",
      description =
          "How the connection to --smtp-host is protected (default: ${DEFAULT-VALUE}); the"
              + " server's certificate is checked against the JVM's trust store (or --smtp-ca-file).",
      defaultValue = "none")
  String smtpTls;

  @Option(
      names = "--smtp-ca-file",
      paramLabel = "FILE",
      description =
          "PEM certificates trusted for --smtp-tls instead of the JVM's trust store (a private"
              + " relay's CA); the certificate must still name --smtp-host.")
  Path smtpCaFile;

  @Option(names = "--smtp-user", description = "Login at --smtp-host (AUTH PLAIN; needs TLS).")
  String smtpUser;

  @Option(
      names = "--smtp-password-file",
      paramLabel = "FILE",
      description = "File whose first line is the --smtp-user's password.")
  Path smtpPasswordFile;

  @Option(
      names = "--sip-threads",
      description = "Threads that receive and process SIP over UDP (default: one per core).",
      defaultValue = "0")
  int sipThreads;

  /**
   * The admin token given by --admin-token-file, --admin-token or the environment; null when none
   * was given (then one is generated). A token file that cannot be read is a usage error.
   */
  String givenAdminToken() {
    if (adminTokenFile == null) {
      return adminToken == null || adminToken.isBlank() ? null : adminToken.trim();
    }
    if (adminToken != null && !adminToken.isBlank()) {
      throw usage("give the admin token one way: --admin-token-file or --admin-token, not both");
    }
    String token;
    try {
      token = Files.readAllLines(adminTokenFile).stream().findFirst().orElse("").trim();
    } catch (IOException e) {
      throw usage("cannot read the admin token file " + adminTokenFile + ": " + e);
    }
    if (token.isEmpty()) {
      throw usage("the admin token file " + adminTokenFile + " is empty");
    }
    warnIfOthersCanRead(adminTokenFile);
    return token;
  }

  private static void warnIfOthersCanRead(Path file) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      if (p.contains(PosixFilePermission.GROUP_READ)
          || p.contains(PosixFilePermission.OTHERS_READ)) {
        LoggerFactory.getLogger(NodeOptions.class)
            .warn("the admin token file {} is readable by other users: chmod 600 {}", file, file);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // not a POSIX file system: nothing to say
    }
  }

  /** How the console is reached: public URL and trusted proxies; bad values are a usage error. */
  HttpSettings http() {
    try {
      return HttpSettings.parse(publicUrl, trustedProxies);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** The SIP service these options name: listen address, advertised host and routes. */
  SipServiceConfig sip() {
    SipServiceConfig c =
        SipServiceConfig.listen(bind, sipPort)
            .withRoutes(RouteTable.parse(routes))
            // This server opens no TLS connections of its own, so DNS is asked for UDP and TCP.
            .withLocator(new ServerLocator(dns(), Set.of(TransportKind.UDP, TransportKind.TCP)))
            .withAdvertise(advertise == null || advertise.isBlank() ? null : advertise.trim());
    int threads = sipThreads > 0 ? sipThreads : Runtime.getRuntime().availableProcessors();
    if (sipReceiveBuffer < 65_536) {
      throw new IllegalArgumentException("--sip-receive-buffer must be at least 65536 bytes");
    }
    return c.withTransport(c.transport().withUdp(sipReceiveBuffer, threads)).withEdge(edge());
  }

  /** The resolver settings: --dns-server, else the system's resolvers. */
  DnsSettings dns() {
    if (dnsServer == null || dnsServer.isBlank()) {
      return DnsSettings.DEFAULT;
    }
    try {
      return DnsSettings.DEFAULT.withServer(DnsSettings.parseServer(dnsServer.trim()));
    } catch (IllegalArgumentException e) {
      throw usage("--dns-server: " + e.getMessage());
    }
  }

  /**
   * The TLS listener these options name, or null with {@code --tls-port -1}: the given PEM files,
   * else the node's self-signed certificate (made now under {@code --data/tls} the first time).
   */
  TlsConfig tls() {
    // 5061 beside the standard 5060; a node moved to another SIP port (a second node on one host,
    // a test) says where TLS goes rather than colliding with the first on 5061.
    int port = tlsPort != null ? tlsPort : sipPort == 0 ? 0 : sipPort == 5060 ? 5061 : -1;
    if (port == -1) {
      return null;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--tls-port must be -1 (off), 0 (ephemeral) or 1-65535");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    if (tlsCert != null) {
      return TlsConfig.of(port, tlsCert, tlsKey);
    }
    List<String> names = new ArrayList<>();
    if (advertise != null && !advertise.isBlank()) {
      names.add(advertise.trim());
    }
    if (!bind.equals("0.0.0.0") && !bind.equals("::")) {
      names.add(bind);
    }
    names.add("localhost");
    try {
      return SelfSignedCertificate.inDirectory(data.resolve("tls"), port, names);
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The RTP port range of the server's own media services; fails on a malformed range. */
  PortRange rtpPorts() {
    try {
      return PortRange.parse(rtpPorts);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--rtp-ports: " + e.getMessage(), e);
    }
  }

  /**
   * The TLS that voicemail e-mail trusts: --smtp-ca-file's certificates, else the JVM's default; an
   * unreadable file is a usage error.
   */
  SSLSocketFactory smtpTrust() {
    if (smtpCaFile == null) {
      return (SSLSocketFactory) SSLSocketFactory.getDefault();
    }
    if (smtpHost == null || smtpHost.isBlank()) {
      throw usage("--smtp-ca-file needs --smtp-host");
    }
    try {
      return SmtpTrust.only(smtpCaFile);
    } catch (IOException e) {
      throw usage("--smtp-ca-file " + smtpCaFile + ": " + e.getMessage());
    }
  }

  /** Where voicemail e-mail goes out, or null without --smtp-host; bad values are usage errors. */
  SmtpSettings smtp() {
    if (smtpHost == null || smtpHost.isBlank()) {
      if (smtpFrom != null || smtpPort != null || smtpUser != null) {
        throw usage("--smtp-from, --smtp-port and --smtp-user need --smtp-host");
      }
      return null;
    }
    SmtpSettings.Security security;
    try {
      security = SmtpSettings.Security.valueOf(smtpTls.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw usage("--smtp-tls is none, starttls or implicit, not " + smtpTls);
    }
    int port =
        smtpPort != null
            ? smtpPort
            : switch (security) {
              case NONE -> 25;
              case STARTTLS -> 587;
              case IMPLICIT -> 465;
            };
    if ((smtpUser == null) != (smtpPasswordFile == null)) {
      throw usage("--smtp-user and --smtp-password-file go together");
    }
    if (smtpUser != null && security == SmtpSettings.Security.NONE) {
      throw usage("--smtp-user sends a password: give --smtp-tls starttls or implicit");
    }
    String password = null;
    if (smtpPasswordFile != null) {
      try {
        password = Files.readAllLines(smtpPasswordFile).stream().findFirst().orElse("").strip();
      } catch (IOException e) {
        throw usage("cannot read the SMTP password file " + smtpPasswordFile + ": " + e);
      }
      warnIfOthersCanRead(smtpPasswordFile);
    }
    String host = smtpHost.trim();
    try {
      return new SmtpSettings(
          host,
          port,
          smtpFrom != null ? smtpFrom.trim() : "voicemail@" + host,
          security,
          smtpUser,
          password);
    } catch (IllegalArgumentException e) {
      throw usage("--smtp-*: " + e.getMessage());
    }
  }

  /** The edge's limits: the defaults with the trusted networks given. */
  EdgeConfig edge() {
    if (trustedNetworks.isEmpty()) {
      return EdgeConfig.DEFAULT;
    }
    List<NetworkBlock> trusted = new ArrayList<>();
    for (String t : trustedNetworks) {
      if (!t.equalsIgnoreCase("none")) {
        try {
          trusted.add(NetworkBlock.parse(t));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--trusted-network: " + e.getMessage(), e);
        }
      }
    }
    return EdgeConfig.DEFAULT.withTrusted(trusted);
  }

  /** The digest challenges to offer; fails on a value other than the three named ones. */
  ChallengeOrder challengeOrder() {
    return ChallengeOrder.parse(digestChallengeOrder);
  }

  /** The database these options name: PostgreSQL when a URL is given, else H2 under --data. */
  DatabaseSettings database() {
    if (dbUrl == null || dbUrl.isBlank()) {
      return DatabaseSettings.embedded(data);
    }
    return new DatabaseSettings(dbUrl.trim(), dbUser, dbPassword == null ? "" : dbPassword);
  }
}
