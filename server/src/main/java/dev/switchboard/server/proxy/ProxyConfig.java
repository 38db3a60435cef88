package dev.switchboard.server.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the proxy behaves.
 *
 * @param routes static next hops for foreign domains
 * @param timerC how long an INVITE branch may ring before it is cancelled (RFC 3261 §16.6 step 11:
 *     more than 3 minutes)
 * @param recurseOn3xx whether Contacts of a 3xx from downstream join the target set (§16.7 step 4)
 * @param maxCallDuration a call with no BYE seen is closed for accounting after this long
 * @param md5ChallengeFirst put the MD5 challenge before SHA-256 in 407s, for UAs that take the
 *     first challenge and know only MD5 (SIPp 3.6, older desk phones); off by default because it
 *     downgrades clients that would have used SHA-256 (RFC 8760 §2.4)
 */
public record ProxyConfig(
    RouteTable routes,
    Duration timerC,
    boolean recurseOn3xx,
    Duration maxCallDuration,
    boolean md5ChallengeFirst) {

  public static final ProxyConfig DEFAULT =
      new ProxyConfig(RouteTable.EMPTY, Duration.ofSeconds(181), true, Duration.ofHours(12), false);

  public ProxyConfig {
    Objects.requireNonNull(routes);
    if (timerC.isNegative() || timerC.isZero() || maxCallDuration.isNegative()) {
      throw new IllegalArgumentException("Timer C and the call limit must be positive");
    }
  }

  public ProxyConfig withRoutes(RouteTable newRoutes) {
    return new ProxyConfig(newRoutes, timerC, recurseOn3xx, maxCallDuration, md5ChallengeFirst);
  }

  public ProxyConfig withTimerC(Duration newTimerC) {
    return new ProxyConfig(routes, newTimerC, recurseOn3xx, maxCallDuration, md5ChallengeFirst);
  }

  public ProxyConfig withRecurseOn3xx(boolean recurse) {
    return new ProxyConfig(routes, timerC, recurse, maxCallDuration, md5ChallengeFirst);
  }

  public ProxyConfig withMaxCallDuration(Duration limit) {
    return new ProxyConfig(routes, timerC, recurseOn3xx, limit, md5ChallengeFirst);
  }

  public ProxyConfig withMd5ChallengeFirst(boolean md5First) {
    return new ProxyConfig(routes, timerC, recurseOn3xx, maxCallDuration, md5First);
  }
}
