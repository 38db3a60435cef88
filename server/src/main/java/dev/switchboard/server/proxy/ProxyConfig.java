package dev.switchboard.server.proxy;

import dev.switchboard.server.dns.ServerLocator;
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
 * @param locator finds the servers of a foreign domain the route table does not name (RFC 3263);
 *     null to reach only the domains in {@code routes}
 */
public record ProxyConfig(
    RouteTable routes,
    Duration timerC,
    boolean recurseOn3xx,
    Duration maxCallDuration,
    ServerLocator locator) {

  public static final ProxyConfig DEFAULT =
      new ProxyConfig(RouteTable.EMPTY, Duration.ofSeconds(181), true, Duration.ofHours(12), null);

  public ProxyConfig {
    Objects.requireNonNull(routes);
    if (timerC.isNegative() || timerC.isZero() || maxCallDuration.isNegative()) {
      throw new IllegalArgumentException("Timer C and the call limit must be positive");
    }
  }

  public ProxyConfig withRoutes(RouteTable newRoutes) {
    return new ProxyConfig(newRoutes, timerC, recurseOn3xx, maxCallDuration, locator);
  }

  public ProxyConfig withTimerC(Duration newTimerC) {
    return new ProxyConfig(routes, newTimerC, recurseOn3xx, maxCallDuration, locator);
  }

  public ProxyConfig withRecurseOn3xx(boolean recurse) {
    return new ProxyConfig(routes, timerC, recurse, maxCallDuration, locator);
  }

  public ProxyConfig withMaxCallDuration(Duration limit) {
    return new ProxyConfig(routes, timerC, recurseOn3xx, limit, locator);
  }

  /** Also finds foreign domains' servers by DNS with {@code newLocator} (null: routes only). */
  public ProxyConfig withLocator(ServerLocator newLocator) {
    return new ProxyConfig(routes, timerC, recurseOn3xx, maxCallDuration, newLocator);
  }
}
