package dev.switchboard.server.sip;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transaction.InviteServerTransaction;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.sip.transaction.TransactionUser;
import dev.switchboard.sip.transport.Endpoint;

/**
 * The transaction user of a server that has no services yet beyond capabilities: every request is
 * screened (RFC 3261 §8.2) and then answered by the {@link OptionsResponder}.
 */
final class CoreUser implements TransactionUser {
  private final RequestScreen screen;
  private final OptionsResponder responder;

  CoreUser(Capabilities capabilities, String serverName) {
    this.screen = new RequestScreen(capabilities);
    this.responder = new OptionsResponder(capabilities, serverName);
  }

  @Override
  public void onRequest(ServerTransaction tx) {
    SipRequest request = tx.request();
    SipResponse rejection = screen.reject(request);
    if (rejection != null) {
      if (rejection.to().tag() == null) {
        rejection.setTo(rejection.to().withTag(tx.localTag()));
      }
      tx.respond(rejection);
      return;
    }
    tx.respond(responder.answer(request, tx.localTag()));
  }

  @Override
  public void onAck(SipRequest ack, Endpoint source) {
    // Nothing of ours sends 2xx to INVITE yet, so an ACK outside a transaction has no dialog.
  }

  @Override
  public void onStrayResponse(SipResponse response, Endpoint source) {
    // We send no requests yet: a response that matches nothing is dropped (§17.1.3).
  }

  @Override
  public void onCancel(InviteServerTransaction target, SipRequest cancel) {
    if (target.lastResponse() == null || target.lastResponse().isProvisional()) {
      target.respond(487);
    }
  }
}
