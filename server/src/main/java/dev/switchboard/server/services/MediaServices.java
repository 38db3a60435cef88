package dev.switchboard.server.services;

import dev.switchboard.server.proxy.UnreachableTarget;
import dev.switchboard.server.sip.LocalUserAgent;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.transaction.InviteServerTransaction;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.sip.transport.Endpoint;
import java.util.List;

/**
 * The node's services as the SIP stack sees them: one {@link LocalUserAgent} over each service's
 * own, and one {@link UnreachableTarget} that gives a call for a service number (a menu, a room) to
 * its service and everything else to voicemail.
 */
public final class MediaServices implements LocalUserAgent, UnreachableTarget {

  /** A service reached at numbers of a tenant's own (not extensions). */
  public interface NumberedService {
    /** Whether {@code number} in {@code domain} is one of ours. Quick: called on SIP threads. */
    boolean serves(String domain, String number);

    /** Takes the call to {@code number} on {@code tx} (answers or refuses it). */
    void take(ServerTransaction tx, String domain, String number);
  }

  private final List<LocalUserAgent> agents;
  private final UnreachableTarget voicemail;
  private final List<NumberedService> numbered;

  /**
   * @param agents every service's user agent, voicemail's included
   * @param voicemail takes calls for extensions and owners' retrieval
   * @param numbered the services reached at numbers, asked in order
   */
  public MediaServices(
      List<LocalUserAgent> agents, UnreachableTarget voicemail, List<NumberedService> numbered) {
    this.agents = List.copyOf(agents);
    this.voicemail = voicemail;
    this.numbered = List.copyOf(numbered);
  }

  /** Whether a service of ours answers {@code number} in {@code domain} (the PBX's hook). */
  public boolean serves(String domain, String number) {
    return numbered.stream().anyMatch(s -> s.serves(domain, number));
  }

  @Override
  public boolean take(ServerTransaction tx, String domain, String user) {
    for (NumberedService s : numbered) {
      if (s.serves(domain, user)) {
        s.take(tx, domain, user);
        return true;
      }
    }
    return voicemail.take(tx, domain, user);
  }

  @Override
  public boolean retrieve(ServerTransaction tx, String domain, String owner) {
    return voicemail.retrieve(tx, domain, owner);
  }

  @Override
  public boolean owns(SipRequest request) {
    // Asked for every request the server receives: a plain loop, no stream per request.
    for (LocalUserAgent a : agents) {
      if (a.owns(request)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void onRequest(ServerTransaction tx) {
    for (LocalUserAgent a : agents) {
      if (a.owns(tx.request())) {
        a.onRequest(tx);
        return;
      }
    }
    agents.get(0).onRequest(tx); // answers 481 for a dialog that ended meanwhile
  }

  @Override
  public boolean onAck(SipRequest ack, Endpoint source) {
    return agents.stream().anyMatch(a -> a.onAck(ack, source));
  }

  @Override
  public boolean onCancel(InviteServerTransaction target, SipRequest cancel) {
    return agents.stream().anyMatch(a -> a.onCancel(target, cancel));
  }
}
