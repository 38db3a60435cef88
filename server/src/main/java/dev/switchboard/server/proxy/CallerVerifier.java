package dev.switchboard.server.proxy;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether the sender of an initial request from one of our domains is the extension its
 * From names (RFC 3261 §22.3: a proxy challenges with 407).
 */
public interface CallerVerifier {

  /** The verdict on {@code request}, whose From is {@code user@domain} of one of our tenants. */
  CompletionStage<Verdict> verify(SipRequest request, String domain, String user);

  /** What the proxy does with the request. */
  sealed interface Verdict {}

  /** The caller proved to be the From user and may call. */
  record Verified(String user) implements Verdict {}

  /** Answer with {@code response} (407, 403, 400); it has no To tag yet. */
  record Refused(SipResponse response) implements Verdict {}

  /** Lets everyone through: for a proxy in a trusted test network only. */
  CallerVerifier TRUST_ALL =
      (request, domain, user) ->
          java.util.concurrent.CompletableFuture.completedFuture(new Verified(user));
}
