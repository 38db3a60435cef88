package dev.switchboard.app;

import dev.switchboard.console.AdminToken;
import dev.switchboard.console.ApiServer;
import dev.switchboard.console.LiveLines;
import dev.switchboard.console.NodeState;
import dev.switchboard.console.edge.HttpSettings;
import dev.switchboard.media.rtp.PortRange;
import dev.switchboard.server.conference.ConferenceService;
import dev.switchboard.server.hold.HoldMusic;
import dev.switchboard.server.hold.TenantMusic;
import dev.switchboard.server.ivr.IvrService;
import dev.switchboard.server.location.LiveRegistrations;
import dev.switchboard.server.pbx.MessageStore;
import dev.switchboard.server.pbx.PbxDirectory;
import dev.switchboard.server.pbx.PbxServices;
import dev.switchboard.server.proxy.ProxyAddress;
import dev.switchboard.server.queue.QueueService;
import dev.switchboard.server.registrar.RegistrarModule;
import dev.switchboard.server.services.MediaServices;
import dev.switchboard.server.services.PromptLanguage;
import dev.switchboard.server.services.ServiceAgent;
import dev.switchboard.server.sip.SipService;
import dev.switchboard.server.sip.SipServiceConfig;
import dev.switchboard.server.sip.SipServices;
import dev.switchboard.server.usage.BatchingUsageWriter;
import dev.switchboard.server.voicemail.MessageMailer;
import dev.switchboard.server.voicemail.MessageSummary;
import dev.switchboard.server.voicemail.SmtpClient;
import dev.switchboard.server.voicemail.SmtpSettings;
import dev.switchboard.server.voicemail.VoicemailService;
import dev.switchboard.sip.transport.TransportKind;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.directory.DirectoryChangeLog;
import dev.switchboard.store.media.ConferenceRooms;
import dev.switchboard.store.media.ConferenceRoster;
import dev.switchboard.store.media.HoldMusicFiles;
import dev.switchboard.store.media.IvrMenus;
import dev.switchboard.store.pbx.MessageRepository;
import dev.switchboard.store.pbx.PbxRepository;
import dev.switchboard.store.voicemail.Mailboxes;
import dev.switchboard.ua.LocalContact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.LoggerFactory;

/**
 * One running Switchboard process: the database, the HTTP API and the SIP service, opened in that
 * order and closed in reverse.
 */
public final class Node implements AutoCloseable {
  /**
   * How soon a PBX change made through the API reaches call routing, and a kept message a phone.
   */
  private static final Duration PBX_POLL = Duration.ofMillis(500);

  private final Database database;
  private final ApiServer http;
  private final SipService sip;
  private final Deque<AutoCloseable> parts;
  private final CountDownLatch closed = new CountDownLatch(1);

  private Node(Database database, ApiServer http, SipService sip, Deque<AutoCloseable> parts) {
    this.database = database;
    this.http = http;
    this.sip = sip;
    this.parts = parts;
  }

  /** Opens everything {@code options} names; {@code adminToken} guards the API. */
  public static Node start(NodeOptions options, String adminToken) {
    DatabaseSettings settings = options.database();
    // Parsed first: a bad --route or challenge order should fail before anything is opened.
    HttpSettings httpSettings = options.http();
    SipServiceConfig sipConfig = options.sip();
    PortRange rtpPorts = options.rtpPorts();
    SmtpSettings smtp = options.smtp();
    SSLSocketFactory smtpTrust = options.smtpTrust();
    // Even with PostgreSQL the data directory holds the location journal and the node secret.
    DataDirectory data = DataDirectory.prepare(options.data);
    NodeSecret secret = NodeSecret.in(options.data);
    sipConfig = sipConfig.withTls(options.tls());
    RegistrarModule.Settings registrarSettings =
        RegistrarModule.Settings.DEFAULT
            .withChallengeOrder(options.challengeOrder())
            .withEdge(sipConfig.edge())
            .withNonceSecret(secret.key("digest-nonce"));
    // Opened in order, closed in reverse: what is started later depends on what came before.
    Deque<AutoCloseable> parts = new ArrayDeque<>();
    try {
      open(parts, data);
      Database database = open(parts, Database.open(settings));
      data.tighten();
      BatchingUsageWriter usage = open(parts, BatchingUsageWriter.start(database));
      RegistrarModule registrar =
          open(
              parts,
              RegistrarModule.start(
                  database.jdbi(),
                  usage,
                  Clock.systemUTC(),
                  registrarSettings,
                  options.data.resolve("location")));
      Mailboxes mailboxes = new Mailboxes(options.data.resolve("voicemail"));
      IvrMenus menus = new IvrMenus(options.data.resolve("ivr"));
      ConferenceRooms rooms = new ConferenceRooms(options.data.resolve("conference"));
      HoldMusicFiles holdMusic = new HoldMusicFiles(options.data.resolve("hold-music"));
      // The rooms' service starts after the API and the SIP stack: the API asks it through this.
      AtomicReference<ConferenceRoster> roster = new AtomicReference<>(ConferenceRoster.NONE);
      NodeMetrics metrics = new NodeMetrics(registrar.locationService(), usage);
      PbxDirectory pbx =
          open(
              parts,
              PbxDirectory.start(
                  PbxDirectory.database(
                      new PbxRepository(database.jdbi()), new AccountRepository(database.jdbi())),
                  new DirectoryChangeLog(database.jdbi()),
                  PBX_POLL));
      MessageStore messages =
          open(
              parts,
              MessageStore.open(
                  MessageStore.database(new MessageRepository(database.jdbi())),
                  Clock.systemUTC()));
      PbxServices pbxServices =
          open(parts, new PbxServices(pbx, messages, Clock.systemUTC(), PBX_POLL));
      // Owners' phones watch their mailbox (RFC 3842) through the PBX's event server.
      pbxServices.messageSummary(new MessageSummary(mailboxes));
      open(parts, WeeklyBusinessRuns.start(database, Clock.systemUTC()));
      SipServices services =
          SipServices.proxy(registrar.directory(), registrar.locations(), usage)
              .withRegistrar(registrar.registrar()::onRegister)
              .withGate(registrar.gate())
              .withRouteSecret(secret.key("record-route"))
              .withFeatures(pbxServices);
      SipService sip;
      try {
        sip = open(parts, SipService.start(sipConfig, services));
        metrics.attach(sip);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the SIP port " + options.sipPort, e);
      }
      VoicemailService.NewMessages newMessages = VoicemailService.NewMessages.NONE;
      if (smtp != null) {
        MessageMailer mailer =
            open(parts, new MessageMailer(mailboxes, new SmtpClient(smtp, smtpTrust)));
        metrics.attach(mailer);
        newMessages = mailer;
      }
      attachServices(
          parts,
          sip,
          database,
          rtpPorts,
          pbxServices,
          pbx,
          new Stores(mailboxes, menus, rooms, holdMusic),
          newMessages,
          roster::set);
      // The console starts after the SIP stack: phones are served while its static files load
      // (seconds on a busy machine), so a restart is ready to route sooner.
      ApiServer http =
          open(
              parts,
              ApiServer.start(
                  options.bind,
                  options.httpPort,
                  database,
                  AdminToken.of(adminToken),
                  httpSettings,
                  new NodeState(
                      new LiveRegistrations(registrar.locationService()),
                      registrar.gate().security(),
                      metrics::scrape,
                      mailboxes,
                      domain ->
                          pbxServices.lines(domain).stream()
                              .map(
                                  l ->
                                      new LiveLines.Line(
                                          l.aor(),
                                          l.state(),
                                          l.initiator() ? "outgoing" : "incoming"))
                              .toList(),
                      menus,
                      rooms,
                      domain -> roster.get().participants(domain),
                      holdMusic)));
      return new Node(database, http, sip, parts);
    } catch (RuntimeException e) {
      closeAll(parts);
      throw e;
    }
  }

  /** What the node's own services keep under the data directory. */
  private record Stores(
      Mailboxes mailboxes, IvrMenus menus, ConferenceRooms rooms, HoldMusicFiles holdMusic) {}

  /**
   * The node's own services, inside it: voicemail answers calls to extensions nobody registered,
   * the auto-attendant its menus' numbers and the conference service its rooms'.
   */
  private static void attachServices(
      Deque<AutoCloseable> parts,
      SipService sip,
      Database database,
      PortRange rtpPorts,
      PbxServices pbx,
      PbxDirectory groups,
      Stores stores,
      VoicemailService.NewMessages newMessages,
      Consumer<ConferenceRoster> roster) {
    AccountRepository accounts = new AccountRepository(database.jdbi());
    PbxRepository prompts = new PbxRepository(database.jdbi());
    ProxyAddress us = sip.ownAddress();
    LocalContact contact = new LocalContact(TransportKind.UDP, us.host(), us.port());
    InetAddress rtpAddress = sip.address(TransportKind.UDP).getAddress();
    try {
      ServiceAgent mailbox =
          ServiceAgent.start(
              "voicemail", sip.transactions(), sip.timers(), contact, rtpAddress, rtpPorts);
      VoicemailService voicemail =
          open(
              parts,
              VoicemailService.start(
                  mailbox,
                  Duration.ofMinutes(3),
                  stores.mailboxes(),
                  (domain, user) -> accounts.get(domain, user).options().voicemail(),
                  newMessages,
                  domain -> PromptLanguage.of(prompts.settings(domain).promptLanguage())));
      ServiceAgent attendant =
          ServiceAgent.start(
              "attendant", sip.transactions(), sip.timers(), contact, rtpAddress, rtpPorts);
      IvrService ivr =
          open(
              parts,
              new IvrService(
                  attendant, stores.menus(), voicemail::leaveMessage, Clock.systemUTC()));
      ServiceAgent bridge =
          ServiceAgent.start(
              "conference", sip.transactions(), sip.timers(), contact, rtpAddress, rtpPorts);
      ConferenceService conference =
          open(parts, new ConferenceService(bridge, stores.rooms(), Clock.systemUTC()));
      roster.accept(conference);
      // Callers to a group with a queue wait here with the tenant's hold music.
      ServiceAgent queueAgent =
          ServiceAgent.start(
              "queue", sip.transactions(), sip.timers(), contact, rtpAddress, rtpPorts);
      QueueService queues =
          open(
              parts,
              new QueueService(queueAgent, groups::group, new TenantMusic(stores.holdMusic())));
      MediaServices services =
          new MediaServices(
              List.of(mailbox, attendant, bridge, queueAgent),
              voicemail,
              List.of(ivr, conference, queues));
      pbx.serviceNumbers(services::serves);
      sip.attach(services, services);
      // Held parties hear the tenant's hold music (DATA/hold-music/DOMAIN.wav, else a default).
      sip.attachInDialog(open(parts, HoldMusic.start(rtpAddress, rtpPorts, stores.holdMusic())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the RTP ports " + rtpPorts, e);
    }
  }

  private static <T extends AutoCloseable> T open(Deque<AutoCloseable> parts, T part) {
    parts.push(part);
    return part;
  }

  private static void closeAll(Deque<AutoCloseable> parts) {
    while (!parts.isEmpty()) {
      try {
        parts.pop().close();
      } catch (Exception e) {
        LoggerFactory.getLogger(Node.class).warn("error while closing", e);
      }
    }
  }

  /** Where SIP listens over UDP and TCP (one port number for both). */
  /** Where SIP over TLS listens, as host:port, or null when TLS is off. */
  public String sipTlsAddress() {
    var a = sip.address(TransportKind.TLS);
    if (a == null) {
      return null;
    }
    String host = a.getAddress().isAnyLocalAddress() ? "0.0.0.0" : a.getHostString();
    return host + ":" + a.getPort();
  }

  public String sipAddress() {
    var a = sip.address(TransportKind.UDP);
    String host = a.getAddress().isAnyLocalAddress() ? "0.0.0.0" : a.getHostString();
    return host + ":" + a.getPort();
  }

  public SipService sip() {
    return sip;
  }

  public Database database() {
    return database;
  }

  /** The base URL of the console and API, with the port actually bound. */
  public String httpUrl() {
    return http.url();
  }

  /** Blocks until {@link #close()} runs (from a shutdown hook on SIGTERM or Ctrl-C). */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  @Override
  public synchronized void close() {
    if (closed.getCount() == 0) {
      return;
    }
    closeAll(parts);
    closed.countDown();
  }
}
