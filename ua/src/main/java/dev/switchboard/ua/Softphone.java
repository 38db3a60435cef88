package dev.switchboard.ua;

import dev.switchboard.media.clock.MediaClock;
import dev.switchboard.media.rtp.MediaTransport;
import dev.switchboard.media.rtp.PortRange;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.Uri;
import dev.switchboard.sip.transaction.HashedWheelTimerService;
import dev.switchboard.sip.transaction.InviteServerTransaction;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.sip.transaction.TimerConfig;
import dev.switchboard.sip.transaction.TransactionLayer;
import dev.switchboard.sip.transaction.TransactionUser;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.NettyTransport;
import dev.switchboard.sip.transport.TransportConfig;
import dev.switchboard.sip.transport.TransportKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A softphone: the user agent core on a UDP transport, RTP ports and a media clock of its own,
 * registered as one account at one server (its outbound proxy). What {@code switchboard call} and
 * the tests drive.
 */
public final class Softphone implements AutoCloseable {

  /**
   * One account at one server.
   *
   * @param server the SIP server every request goes to
   * @param user the user part and digest user name
   * @param password the digest password
   * @param domain the account's domain (realm)
   * @param bind the local IP literal to bind SIP and RTP to
   * @param rtpPorts where RTP ports are taken from
   */
  public record Config(
      InetSocketAddress server,
      String user,
      String password,
      String domain,
      String bind,
      PortRange rtpPorts) {}

  private final Config config;
  private final HashedWheelTimerService timers;
  private final NettyTransport transport;
  private final TransactionLayer layer;
  private final MediaClock clock;
  private final MediaTransport rtp;
  private final UaCore core;
  private final LinkedBlockingQueue<Call> incoming = new LinkedBlockingQueue<>();
  private Registration registration;

  private Softphone(Config config) throws IOException {
    this.config = config;
    this.timers = new HashedWheelTimerService();
    TransportConfig tc = TransportConfig.listen(config.bind(), 0).withPorts(0, -1).withIoThreads(1);
    this.transport =
        new NettyTransport(tc.withUdp(1 << 20, 1), (m, src) -> layer().onMessage(m, src));
    this.layer = new TransactionLayer(transport, timers, TimerConfig.DEFAULT);
    transport.start();
    InetSocketAddress local = transport.listenAddress(TransportKind.UDP);
    this.clock = MediaClock.start("softphone-media", 1);
    this.rtp = MediaTransport.open(InetAddress.getByName(config.bind()), config.rtpPorts());
    this.core =
        new UaCore(
            layer,
            timers,
            new LocalContact(TransportKind.UDP, config.bind(), local.getPort()),
            MediaSettings.of(rtp, clock, config.user() + "@" + config.domain()),
            UaCore.Settings.of("Switchboard-call")
                .withOutboundProxy(Endpoint.udp(config.server()))
                .withCredentials(new Credentials(config.user(), config.password()))
                .withContactUser(config.user()));
    core.setIncomingCallHandler(incoming::add);
    layer.setUser(new Tu());
  }

  private TransactionLayer layer() {
    return layer;
  }

  /** Binds a UDP port, opens the RTP ports and starts the media clock. */
  public static Softphone start(Config config) throws IOException {
    return new Softphone(config);
  }

  /** Our address of record, {@code sip:user@domain}. */
  public Address aor() {
    return Address.of(SipUri.of(config.user(), config.domain()));
  }

  /** Registers for {@code expires} seconds (refreshed while the phone runs). */
  public CompletableFuture<Integer> register(int expires) {
    registration = core.register(SipUri.of(null, config.domain()), aor(), expires);
    return registration.start();
  }

  /** Calls {@code target} (a SIP URI, or a user part of our domain). */
  public Call call(String target, CallListener listener) throws IOException {
    Uri uri = target.contains(":") ? Uri.parse(target) : SipUri.of(target, config.domain());
    return core.call(aor(), Address.of(uri), listener);
  }

  /** Waits up to {@code timeoutMillis} for the next incoming call (not yet answered), or null. */
  public Call nextIncoming(long timeoutMillis) throws InterruptedException {
    return incoming.poll(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  public MediaClock clock() {
    return clock;
  }

  public UaCore core() {
    return core;
  }

  /** Where SIP listens. */
  public InetSocketAddress sipAddress() {
    return transport.listenAddress(TransportKind.UDP);
  }

  /** Hangs up every call, unregisters, and frees ports, threads and the clock. */
  @Override
  public void close() {
    for (Call c : core.calls()) {
      c.hangup();
    }
    if (registration != null) {
      registration.close();
    }
    try {
      Thread.sleep(100); // let the BYEs leave before the socket closes
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    transport.close();
    rtp.close();
    clock.close();
    timers.close();
  }

  /** Everything the transaction layer hands up goes to the core. */
  private final class Tu implements TransactionUser {
    @Override
    public void onRequest(ServerTransaction tx) {
      core.onRequest(tx);
    }

    @Override
    public void onAck(SipRequest ack, Endpoint source) {
      core.onAck(ack, source);
    }

    @Override
    public void onStrayResponse(SipResponse response, Endpoint source) {
      core.onStrayResponse(response, source);
    }

    @Override
    public void onCancel(InviteServerTransaction target, SipRequest cancel) {
      if (!core.onCancel(target, cancel)
          && (target.lastResponse() == null || target.lastResponse().isProvisional())) {
        target.respond(487);
      }
    }
  }
}
