package dev.switchboard.server.sip;

import dev.switchboard.sip.transaction.ServerTransaction;

/** Takes REGISTER requests; the registrar's {@code onRegister} fits as a method reference. */
@FunctionalInterface
public interface RegisterHandler {
  void onRegister(ServerTransaction tx);

  /** No registrar: REGISTER is answered 501. */
  RegisterHandler NONE = tx -> tx.respond(501);
}
