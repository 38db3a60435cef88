package dev.switchboard.server.sip;

import dev.switchboard.server.directory.SubscriberDirectory;
import dev.switchboard.server.edge.DigestGate;
import dev.switchboard.server.location.LocationService;
import dev.switchboard.server.proxy.ProxyAddress;
import dev.switchboard.server.proxy.ProxyHooks;
import dev.switchboard.server.proxy.RouteTable;
import dev.switchboard.sip.transaction.TimerService;
import dev.switchboard.sip.transaction.TransactionLayer;

/**
 * Services that run inside the SIP stack once it exists (they send requests of their own and plug
 * into the proxy): the PBX, presence, message store. {@link #NONE} adds nothing.
 */
@FunctionalInterface
public interface StackFeatures {

  StackFeatures NONE = stack -> Bound.NONE;

  /** What the running stack offers its services. */
  record Stack(
      TransactionLayer layer,
      TimerService timers,
      ProxyAddress address,
      RouteTable routes,
      DigestGate gate,
      SubscriberDirectory directory,
      LocationService location) {}

  /** What the services hand back: the proxy's hooks and the requests they answer themselves. */
  record Bound(ProxyHooks hooks, LocalServices services) {
    public static final Bound NONE = new Bound(ProxyHooks.NONE, LocalServices.NONE);
  }

  /** Called once, after the sockets are bound and before the first request is handled. */
  Bound bind(Stack stack);
}
