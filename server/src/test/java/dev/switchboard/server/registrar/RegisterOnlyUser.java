package dev.switchboard.server.registrar;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transaction.InviteServerTransaction;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.sip.transaction.TransactionUser;
import dev.switchboard.sip.transport.Endpoint;

/** A test transaction user: REGISTER goes to the registrar, everything else gets 501. */
public final class RegisterOnlyUser implements TransactionUser {
  private final Registrar registrar;

  public RegisterOnlyUser(Registrar registrar) {
    this.registrar = registrar;
  }

  @Override
  public void onRequest(ServerTransaction tx) {
    if (tx.request().isMethod(SipRequest.REGISTER)) {
      registrar.onRegister(tx);
    } else {
      tx.respond(501);
    }
  }

  @Override
  public void onAck(SipRequest ack, Endpoint source) {}

  @Override
  public void onStrayResponse(SipResponse response, Endpoint source) {}

  @Override
  public void onCancel(InviteServerTransaction target, SipRequest cancel) {}
}
