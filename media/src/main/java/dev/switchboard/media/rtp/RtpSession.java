package dev.switchboard.media.rtp;

import dev.switchboard.media.MalformedMediaException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One RTP session (RFC 3550) on a port pair: our SSRC, sequence numbers, what we sent, reception
 * statistics per remote source, RTCP SR/RR with SDES CNAME at a randomised interval, BYE, and
 * symmetric RTP: with {@code symmetric} set, media is sent to wherever the remote's packets come
 * from (so phones behind NAT are reached on the address their packets left from).
 */
public final class RtpSession implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(RtpSession.class.getName());
  private static final RandomGenerator RANDOM = new SecureRandom();
  private static final int MAX_SOURCES = 8;

  /**
   * How a session is set up.
   *
   * @param clockRate the RTP clock of the payload (8000 for G.711)
   * @param remote where to send RTP, or {@code null} to wait for the first packet (symmetric)
   * @param symmetric latch onto the source of received RTP/RTCP (RFC 4961 symmetric RTP)
   * @param rtcpMux RTP and RTCP on one port (RFC 5761)
   * @param rtcpIntervalMillis mean interval between our reports (RFC 3550 suggests 5000)
   * @param relatchMillis after this long without packets from the latched address, another source
   *     may take over (a phone that changed address); before it, others are dropped
   * @param cname our canonical name for SDES
   */
  public record Settings(
      int clockRate,
      InetSocketAddress remote,
      boolean symmetric,
      boolean rtcpMux,
      int rtcpIntervalMillis,
      int relatchMillis,
      String cname) {

    /** Checks the values are usable. */
    public Settings {
      if (clockRate <= 0) {
        throw new IllegalArgumentException("clock rate must be positive");
      }
      if (rtcpIntervalMillis < 100) {
        throw new IllegalArgumentException("RTCP interval below 100 ms: " + rtcpIntervalMillis);
      }
      if (cname == null || cname.isBlank()) {
        throw new IllegalArgumentException("an RTP session needs a CNAME");
      }
    }

    /** G.711 defaults: 8 kHz, symmetric, separate RTCP port, reports every 5 s, relatch 1 s. */
    public static Settings g711(InetSocketAddress remote, String cname) {
      return new Settings(8000, remote, true, false, 5000, 1000, cname);
    }

    /** The same with another mean RTCP interval. */
    public Settings withRtcpInterval(int millis) {
      return new Settings(clockRate, remote, symmetric, rtcpMux, millis, relatchMillis, cname);
    }

    /** The same with symmetric latching on or off. */
    public Settings withSymmetric(boolean on) {
      return new Settings(clockRate, remote, on, rtcpMux, rtcpIntervalMillis, relatchMillis, cname);
    }
  }

  /** What the session hands up; called on the transport's reading thread, must not block. */
  public interface Listener {

    /** A valid RTP packet from the remote. */
    void onRtp(RtpPacket packet, long arrivalNanos);

    /** A compound RTCP packet, after the session has taken its reports into account. */
    default void onRtcp(List<RtcpPacket> packets) {}

    /** The remote source left (RTCP BYE). */
    default void onBye(long ssrc, String reason) {}
  }

  /**
   * A snapshot of the session's counters.
   *
   * @param packetsSent RTP packets sent
   * @param octetsSent RTP payload bytes sent
   * @param packetsReceived RTP packets received (all sources, before sequence checks)
   * @param expected packets the main remote source should have delivered (A.3)
   * @param lost packets lost from it (A.3 cumulative)
   * @param jitterMillis interarrival jitter of it (A.8)
   * @param malformed datagrams that were neither valid RTP nor valid RTCP
   * @param foreignDropped packets from another address while latched
   * @param latches times the remote address was (re)learned from received packets
   * @param reportsSent RTCP compounds sent
   * @param reportsReceived RTCP compounds received
   * @param remoteFractionLost the loss the remote last reported about us (0..1), or -1
   * @param remoteJitterMillis the jitter the remote last reported about us, or -1
   * @param roundTripMillis the last RTT computed from LSR/DLSR, or -1
   */
  public record Stats(
      long packetsSent,
      long octetsSent,
      long packetsReceived,
      long expected,
      long lost,
      double jitterMillis,
      long malformed,
      long foreignDropped,
      long latches,
      long reportsSent,
      long reportsReceived,
      double remoteFractionLost,
      double remoteJitterMillis,
      double roundTripMillis) {

    /** Lost over expected, 0 when nothing was expected. */
    public double lossRatio() {
      return expected <= 0 ? 0 : Math.max(0, lost) / (double) expected;
    }
  }

  private final MediaTransport transport;
  private final DatagramChannel rtpChannel;
  private final DatagramChannel rtcpChannel;
  private final Settings settings;
  private final Listener listener;
  private final long ssrc;
  private final long initialTimestamp;
  private final byte[] sendBuffer = new byte[1500];
  private final int localPort;

  private volatile InetSocketAddress remoteRtp;
  private volatile InetSocketAddress remoteRtcp;
  private volatile boolean closed;
  private long lastFromRemoteNanos;
  private int sequence;
  private long packetsSent;
  private long octetsSent;
  private long packetsSentAtLastReport;
  private long lastSentTimestamp;
  private long lastSentNanos;
  private long packetsReceived;
  private long malformed;
  private long foreignDropped;
  private long latches;
  private long reportsSent;
  private long reportsReceived;
  private long nextReportNanos;
  private double remoteFractionLost = -1;
  private double remoteJitterMillis = -1;
  private double roundTripMillis = -1;
  private final Map<Long, ReceptionStatistics> sources = new LinkedHashMap<>();
  private ReceptionStatistics mainSource;

  RtpSession(
      MediaTransport transport,
      DatagramChannel rtpChannel,
      DatagramChannel rtcpChannel,
      Settings settings,
      Listener listener) {
    this.transport = transport;
    this.rtpChannel = rtpChannel;
    this.rtcpChannel = rtcpChannel;
    this.settings = settings;
    this.listener = listener;
    try {
      this.localPort = ((InetSocketAddress) rtpChannel.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new IllegalStateException("RTP socket closed before use", e);
    }
    // random SSRC, sequence and timestamp starts (RFC 3550 §5.1, §8)
    this.ssrc = RANDOM.nextLong() & 0xFFFF_FFFFL;
    this.sequence = RANDOM.nextInt(1 << 16);
    this.initialTimestamp = RANDOM.nextLong() & 0xFFFF_FFFFL;
    this.lastSentTimestamp = initialTimestamp;
    if (settings.remote() != null) {
      setRemote(settings.remote());
    }
    // the first report goes out after half an interval (RFC 3550 §6.2 "initial" halving)
    this.nextReportNanos = System.nanoTime() + intervalNanos() / 2;
  }

  /** Our SSRC. */
  public long ssrc() {
    return ssrc;
  }

  /** The random first RTP timestamp of this session; streams count from it. */
  public long initialTimestamp() {
    return initialTimestamp;
  }

  /** The RTP clock rate. */
  public int clockRate() {
    return settings.clockRate();
  }

  /** Our RTP port. */
  public int localPort() {
    return localPort;
  }

  /** Our RTP address (bind address and port), for the SDP offer/answer. */
  public InetSocketAddress localAddress() {
    return new InetSocketAddress(transport.bindAddress(), localPort());
  }

  /** Where RTP goes now, or {@code null} before it is known. */
  public InetSocketAddress remote() {
    return remoteRtp;
  }

  /** Sets where RTP goes (from SDP); RTCP goes to the port above unless multiplexed. */
  public void setRemote(InetSocketAddress remote) {
    this.remoteRtp = remote;
    this.remoteRtcp =
        settings.rtcpMux()
            ? remote
            : new InetSocketAddress(remote.getAddress(), remote.getPort() + 1);
  }

  /**
   * Sends one RTP packet with the next sequence number.
   *
   * @return false when no remote address is known yet or the socket refused it
   */
  public boolean send(int payloadType, boolean marker, long timestamp, byte[] payload) {
    InetSocketAddress to = remoteRtp;
    if (to == null || closed) {
      return false;
    }
    synchronized (this) {
      RtpPacket packet = RtpPacket.of(marker, payloadType, sequence, timestamp, ssrc, payload);
      sequence = (sequence + 1) & 0xFFFF;
      int length = packet.writeTo(sendBuffer, 0);
      packetsSent++;
      octetsSent += payload.length;
      lastSentTimestamp = timestamp;
      lastSentNanos = System.nanoTime();
      return sendDatagram(rtpChannel, sendBuffer, length, to);
    }
  }

  private boolean sendDatagram(
      DatagramChannel channel, byte[] bytes, int length, InetSocketAddress to) {
    try {
      return channel.send(ByteBuffer.wrap(bytes, 0, length), to) > 0;
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "RTP send to " + to + " failed", e);
      return false;
    }
  }

  /** Sends an SR or RR (with SDES) when the randomised report interval has passed. */
  public void sendReportIfDue(long nowNanos) {
    if (nowNanos - nextReportNanos >= 0 && !closed) {
      sendReport(nowNanos, null);
    }
  }

  private long intervalNanos() {
    return settings.rtcpIntervalMillis() * 1_000_000L;
  }

  private void sendReport(long nowNanos, RtcpPacket.Bye bye) {
    InetSocketAddress to = remoteRtcp;
    byte[] wire;
    synchronized (this) {
      // randomise to [0.5, 1.5] of the interval so that sessions do not report in lockstep
      nextReportNanos = nowNanos + (long) (intervalNanos() * (0.5 + RANDOM.nextDouble()));
      if (to == null) {
        return;
      }
      List<ReportBlock> blocks = new ArrayList<>(sources.size());
      for (ReceptionStatistics source : sources.values()) {
        if (source.expected() > 0) {
          blocks.add(source.reportBlock(nowNanos));
        }
      }
      List<RtcpPacket> compound = new ArrayList<>(3);
      if (packetsSent > packetsSentAtLastReport) {
        long elapsed = nowNanos - lastSentNanos;
        long rtpNow = lastSentTimestamp + elapsed * settings.clockRate() / 1_000_000_000L;
        compound.add(
            new RtcpPacket.SenderReport(
                ssrc,
                NtpTime.fromUnixMillis(System.currentTimeMillis()),
                rtpNow & 0xFFFF_FFFFL,
                packetsSent & 0xFFFF_FFFFL,
                octetsSent & 0xFFFF_FFFFL,
                blocks));
      } else {
        compound.add(new RtcpPacket.ReceiverReport(ssrc, blocks));
      }
      packetsSentAtLastReport = packetsSent;
      compound.add(
          new RtcpPacket.SourceDescription(
              List.of(new RtcpPacket.SourceDescription.Chunk(ssrc, settings.cname()))));
      if (bye != null) {
        compound.add(bye);
      }
      wire = RtcpPacket.compound(compound);
      reportsSent++;
    }
    sendDatagram(rtcpChannel != null ? rtcpChannel : rtpChannel, wire, wire.length, to);
  }

  void onDatagram(byte[] data, int length, InetSocketAddress source, boolean onRtcpPort, long now) {
    if (closed) {
      return;
    }
    boolean rtcp = onRtcpPort || (settings.rtcpMux() && RtpPacket.looksLikeRtcp(data, 0, length));
    try {
      if (rtcp) {
        onRtcp(RtcpPacket.parseCompound(data, 0, length), source, now);
      } else {
        onRtp(RtpPacket.parse(data, 0, length), source, now);
      }
    } catch (MalformedMediaException e) {
      synchronized (this) {
        malformed++;
      }
      LOG.log(Level.DEBUG, () -> "dropped datagram from " + source + ": " + e.getMessage());
    }
  }

  private void onRtp(RtpPacket packet, InetSocketAddress source, long now) {
    synchronized (this) {
      if (packet.ssrc() == ssrc) {
        foreignDropped++; // our own packets looped back: not a remote source
        return;
      }
      if (!acceptFrom(source, now)) {
        foreignDropped++;
        return;
      }
      packetsReceived++;
      ReceptionStatistics stats = sources.get(packet.ssrc());
      if (stats == null) {
        if (sources.size() >= MAX_SOURCES) {
          sources.remove(sources.keySet().iterator().next());
        }
        stats =
            new ReceptionStatistics(packet.ssrc(), settings.clockRate(), packet.sequenceNumber());
        sources.put(packet.ssrc(), stats);
      }
      mainSource = stats;
      stats.onPacket(packet.sequenceNumber(), packet.timestamp(), packet.payload().length, now);
    }
    listener.onRtp(packet, now);
  }

  /** Symmetric RTP: learn or keep the remote address; false drops the packet. */
  private boolean acceptFrom(InetSocketAddress source, long now) {
    if (!settings.symmetric()) {
      return true;
    }
    InetSocketAddress current = remoteRtp;
    boolean fromCurrent = source.equals(current);
    boolean quiet = now - lastFromRemoteNanos > settings.relatchMillis() * 1_000_000L;
    if (!fromCurrent && (lastFromRemoteNanos == 0 || quiet)) {
      setRemote(source);
      latches++;
      fromCurrent = true;
    }
    if (fromCurrent) {
      lastFromRemoteNanos = now;
    }
    return fromCurrent;
  }

  private void onRtcp(List<RtcpPacket> packets, InetSocketAddress source, long now) {
    List<Long> byes = new ArrayList<>(1);
    String byeReason = "";
    synchronized (this) {
      reportsReceived++;
      if (settings.symmetric() && !settings.rtcpMux()) {
        InetSocketAddress rtp = remoteRtp;
        if (rtp != null && rtp.getAddress().equals(source.getAddress())) {
          remoteRtcp = source; // symmetric RTCP: answer where reports come from
        }
      }
      for (RtcpPacket packet : packets) {
        if (packet instanceof RtcpPacket.SenderReport sr) {
          ReceptionStatistics stats = sources.get(sr.ssrc());
          if (stats != null) {
            stats.onSenderReport(sr.ntpTimestamp(), now);
          }
          readBlocks(sr.reports());
        } else if (packet instanceof RtcpPacket.ReceiverReport rr) {
          readBlocks(rr.reports());
        } else if (packet instanceof RtcpPacket.Bye bye) {
          for (long left : bye.ssrcs()) {
            if (sources.remove(left) != null) {
              byes.add(left);
              byeReason = bye.reason();
            }
          }
        }
        // SDES and the rest carry nothing we act on
      }
    }
    listener.onRtcp(packets);
    for (long left : byes) {
      listener.onBye(left, byeReason);
    }
  }

  private void readBlocks(List<ReportBlock> blocks) {
    for (ReportBlock block : blocks) {
      if (block.ssrc() != ssrc) {
        continue;
      }
      remoteFractionLost = block.lossFraction();
      remoteJitterMillis = block.jitter() * 1000.0 / settings.clockRate();
      if (block.lastSenderReport() != 0) {
        long nowMiddle = NtpTime.middle32(NtpTime.fromUnixMillis(System.currentTimeMillis()));
        long rtt =
            (nowMiddle - block.lastSenderReport() - block.delaySinceLastSenderReport())
                & 0xFFFF_FFFFL;
        if (rtt < 65536L * 60) { // ignore nonsense from clock steps
          roundTripMillis = NtpTime.fromShortUnits(rtt) / 1e6;
        }
      }
    }
  }

  /** A snapshot of the counters. */
  public synchronized Stats stats() {
    ReceptionStatistics main = mainSource;
    return new Stats(
        packetsSent,
        octetsSent,
        packetsReceived,
        main == null ? 0 : main.expected(),
        main == null ? 0 : main.cumulativeLost(),
        main == null ? 0 : main.jitterMillis(),
        malformed,
        foreignDropped,
        latches,
        reportsSent,
        reportsReceived,
        remoteFractionLost,
        remoteJitterMillis,
        roundTripMillis);
  }

  /** Sends RTCP BYE with a final report, then closes both sockets. */
  public void close(String reason) {
    if (closed) {
      return;
    }
    sendReport(System.nanoTime(), new RtcpPacket.Bye(List.of(ssrc), reason));
    closed = true;
    try {
      rtpChannel.close();
      if (rtcpChannel != null) {
        rtcpChannel.close();
      }
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing RTP sockets", e);
    }
    transport.closed(this);
  }

  @Override
  public void close() {
    close("");
  }
}
