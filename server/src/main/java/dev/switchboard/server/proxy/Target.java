package dev.switchboard.server.proxy;

import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.Uri;
import dev.switchboard.sip.transport.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One destination of the target set (§16.5): the Request-URI to use, its q-value in thousandths,
 * the Path (RFC 3327) that becomes Route headers, and the flow to send on (the binding's source,
 * for NAT), or null to send where the Route or Request-URI says.
 *
 * @param ringTime how long the branch may ring before it is cancelled as unanswered; null for Timer
 *     C, which restarts on every provisional response
 * @param aor the address of record the branch rings (an extension), or null; it names who answered
 *     in the call record and whose phone rings in the dialog state
 * @param headers header fields added to this branch's copy of the request only
 * @param alternates where to send instead, in order, when {@code flow} times out, fails to carry
 *     the request or answers 503 (RFC 3263 §4.3): the rest of the servers DNS named
 */
public record Target(
    Uri requestUri,
    int qMillis,
    List<Address> path,
    Endpoint flow,
    Duration ringTime,
    String aor,
    Map<String, String> headers,
    List<Endpoint> alternates) {

  public Target {
    path = List.copyOf(path);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    alternates = alternates == null ? List.of() : List.copyOf(alternates);
  }

  public Target(
      Uri requestUri,
      int qMillis,
      List<Address> path,
      Endpoint flow,
      Duration ringTime,
      String aor,
      Map<String, String> headers) {
    this(requestUri, qMillis, path, flow, ringTime, aor, headers, List.of());
  }

  public Target(Uri requestUri, int qMillis, List<Address> path, Endpoint flow) {
    this(requestUri, qMillis, path, flow, null, null, Map.of());
  }

  public static Target of(Uri requestUri, Endpoint flow) {
    return new Target(requestUri, 1000, List.of(), flow);
  }

  /** A target in another domain at the servers DNS located for it, best first (not empty). */
  public static Target located(Uri requestUri, List<Endpoint> servers) {
    return new Target(
        requestUri,
        1000,
        List.of(),
        servers.get(0),
        null,
        null,
        Map.of(),
        servers.subList(1, servers.size()));
  }

  /** This target at its next alternate server; only when there is one. */
  public Target failover() {
    return new Target(
        requestUri,
        qMillis,
        path,
        alternates.get(0),
        ringTime,
        aor,
        headers,
        alternates.subList(1, alternates.size()));
  }

  /** This target, rung for at most {@code time} (null: Timer C). */
  public Target withRingTime(Duration time) {
    return new Target(requestUri, qMillis, path, flow, time, aor, headers, alternates);
  }

  /** This target with every q-value the same, so a stage rings all its targets at once. */
  public Target withQ(int q) {
    return new Target(requestUri, q, path, flow, ringTime, aor, headers, alternates);
  }

  public Target withHeaders(Map<String, String> extra) {
    return new Target(requestUri, qMillis, path, flow, ringTime, aor, extra, alternates);
  }
}
