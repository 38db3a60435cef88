package dev.switchboard.store.tenant;

import dev.switchboard.store.InvalidValueException;
import java.util.Locale;

/** How calls to a tenant's domain are routed: proxied to its contacts or redirected with 302. */
public enum RoutingMode {
  PROXY,
  REDIRECT;

  /** The lower-case name used in JSON and in the database column {@code routing_mode}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RoutingMode parse(String text) {
    if (text != null) {
      for (RoutingMode m : values()) {
        if (m.wireName().equalsIgnoreCase(text.trim())) {
          return m;
        }
      }
    }
    throw new InvalidValueException("routingMode", "routingMode must be one of proxy, redirect");
  }
}
