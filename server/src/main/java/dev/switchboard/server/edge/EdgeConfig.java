package dev.switchboard.server.edge;

import java.time.Duration;
import java.util.List;

/**
 * The limits the SIP edge enforces, with defaults that never lock out an ordinary office behind one
 * NAT address (dozens of phones re-registering at once after a router restart stay far below them)
 * while stopping scanners and password guessers within seconds.
 *
 * @param trusted sources exempt from the flood limit and scanner blocks (loopback by default: a
 *     process on this host is not an Internet attacker)
 * @param floodRequests requests one source address may send per {@code floodWindow} (as Kamailio's
 *     pike counts them) before it is blocked for {@code floodBlock}
 * @param scannerAgents User-Agent fragments of known SIP scanners; a match blocks the source for
 *     {@code scannerBlock}
 * @param pairFailures wrong digest answers for one account from one address within {@code
 *     authWindow} before that pair is refused for {@code authBlock}
 * @param sourceFailures wrong answers from one address, any accounts, before the address is blocked
 * @param maxBlock blocks double for each repeat offence, up to this
 * @param overloadMark receive-queue fullness (0–1) from which new dialogs from the heaviest senders
 *     get 503
 * @param overloadHigh fullness from which every new dialog and new registration gets 503
 * @param retryAfterSeconds base of the Retry-After of a 503 (each answer adds up to as much again,
 *     so refused clients do not come back together)
 */
public record EdgeConfig(
    List<NetworkBlock> trusted,
    int floodRequests,
    Duration floodWindow,
    Duration floodBlock,
    List<String> scannerAgents,
    Duration scannerBlock,
    int pairFailures,
    int sourceFailures,
    Duration authWindow,
    Duration authBlock,
    Duration maxBlock,
    double overloadMark,
    double overloadHigh,
    int retryAfterSeconds) {

  /** User-Agents of SIPVicious, sipcli, sip-scan and the like, as they announce themselves. */
  public static final List<String> SCANNERS =
      List.of(
          "friendly-scanner",
          "sipvicious",
          "sipcli",
          "sip-scan",
          "sipsak",
          "iwar",
          "sundayddr",
          "vaxsipuseragent",
          "smap",
          "pplsip",
          "cpxinterface");

  public static final EdgeConfig DEFAULT =
      new EdgeConfig(
          List.of(NetworkBlock.parse("127.0.0.0/8"), NetworkBlock.parse("::1")),
          400,
          Duration.ofSeconds(2),
          Duration.ofMinutes(5),
          SCANNERS,
          Duration.ofHours(1),
          5,
          100,
          Duration.ofMinutes(10),
          Duration.ofMinutes(1),
          Duration.ofHours(1),
          0.1,
          0.5,
          5);

  public EdgeConfig {
    trusted = List.copyOf(trusted);
    scannerAgents = scannerAgents.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList();
    if (floodRequests < 1 || pairFailures < 1 || sourceFailures < 1 || retryAfterSeconds < 1) {
      throw new IllegalArgumentException("edge limits must be positive");
    }
    if (!(overloadMark > 0 && overloadMark <= overloadHigh && overloadHigh <= 1)) {
      throw new IllegalArgumentException("need 0 < overload mark <= high <= 1");
    }
  }

  public EdgeConfig withTrusted(List<NetworkBlock> networks) {
    return new EdgeConfig(
        networks,
        floodRequests,
        floodWindow,
        floodBlock,
        scannerAgents,
        scannerBlock,
        pairFailures,
        sourceFailures,
        authWindow,
        authBlock,
        maxBlock,
        overloadMark,
        overloadHigh,
        retryAfterSeconds);
  }

  public EdgeConfig withFlood(int requests, Duration window) {
    return new EdgeConfig(
        trusted,
        requests,
        window,
        floodBlock,
        scannerAgents,
        scannerBlock,
        pairFailures,
        sourceFailures,
        authWindow,
        authBlock,
        maxBlock,
        overloadMark,
        overloadHigh,
        retryAfterSeconds);
  }

  public EdgeConfig withAuthLimits(int pair, int source) {
    return new EdgeConfig(
        trusted,
        floodRequests,
        floodWindow,
        floodBlock,
        scannerAgents,
        scannerBlock,
        pair,
        source,
        authWindow,
        authBlock,
        maxBlock,
        overloadMark,
        overloadHigh,
        retryAfterSeconds);
  }

  public EdgeConfig withOverload(double mark, double high) {
    return new EdgeConfig(
        trusted,
        floodRequests,
        floodWindow,
        floodBlock,
        scannerAgents,
        scannerBlock,
        pairFailures,
        sourceFailures,
        authWindow,
        authBlock,
        maxBlock,
        mark,
        high,
        retryAfterSeconds);
  }

  public boolean isTrusted(java.net.InetAddress a) {
    for (NetworkBlock n : trusted) {
      if (n.contains(a)) {
        return true;
      }
    }
    return false;
  }
}
