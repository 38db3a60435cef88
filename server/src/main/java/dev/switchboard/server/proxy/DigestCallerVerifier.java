package dev.switchboard.server.proxy;

import dev.switchboard.server.directory.Subscriber;
import dev.switchboard.server.directory.SubscriberDirectory;
import dev.switchboard.sip.auth.AuthResult;
import dev.switchboard.sip.auth.AuthResult.Cause;
import dev.switchboard.sip.auth.ChallengeKind;
import dev.switchboard.sip.auth.DigestAuthenticator;
import dev.switchboard.sip.auth.DigestCredentials;
import dev.switchboard.sip.auth.DigestParseException;
import dev.switchboard.sip.auth.Ha1Pair;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Checks callers with a 407 digest challenge whose realm is the From domain; the credentials' user
 * must be the From user (else 403), and a disabled extension or suspended tenant gets 403.
 */
public final class DigestCallerVerifier implements CallerVerifier {
  private final DigestAuthenticator authenticator;
  private final SubscriberDirectory directory;

  /** The challenges come in {@code authenticator}'s order, the same as the registrar's 401s. */
  public DigestCallerVerifier(DigestAuthenticator authenticator, SubscriberDirectory directory) {
    this.authenticator = authenticator;
    this.directory = directory;
  }

  @Override
  public CompletionStage<Verdict> verify(SipRequest request, String domain, String user) {
    if (user == null) {
      return done(new Refused(request.createResponse(403, "No user in From")));
    }
    String username = username(request, domain);
    if (username == null) {
      // No credentials for this realm yet: challenge without touching the directory.
      return done(
          new Refused(
              authenticator
                  .challenge(request, domain, ChallengeKind.PROXY, Cause.NO_CREDENTIALS)
                  .response()));
    }
    if (!username.equals(user)) {
      return done(new Refused(request.createResponse(403, "Credentials are not the From user")));
    }
    return directory
        .subscriber(domain, username)
        .thenApply(found -> decide(request, domain, username, found));
  }

  private Verdict decide(
      SipRequest request, String domain, String username, Optional<Subscriber> found) {
    AuthResult result =
        authenticator.authenticate(
            request,
            domain,
            ChallengeKind.PROXY,
            (u, realm) ->
                found
                    .filter(s -> u.equals(username) && realm.equals(domain))
                    .map(s -> new Ha1Pair(s.ha1Md5(), s.ha1Sha256())));
    if (result instanceof AuthResult.Challenge c) {
      return new Refused(c.response());
    }
    if (result instanceof AuthResult.Rejected rej) {
      return new Refused(request.createResponse(rej.status(), rej.reason()));
    }
    if (found.isEmpty() || !found.get().admitted()) {
      return new Refused(request.createResponse(403, "Account disabled"));
    }
    return new Verified(username);
  }

  /** The user name in our realm's Proxy-Authorization, or null when there is none. */
  private static String username(SipRequest request, String realm) {
    for (String value : request.headers().all(HeaderNames.PROXY_AUTHORIZATION)) {
      try {
        DigestCredentials c = DigestCredentials.parse(value);
        if (realm.equals(c.realm())) {
          return c.username();
        }
      } catch (DigestParseException e) {
        // Not ours or broken: the authenticator will say which when it sees the request.
      }
    }
    return null;
  }

  private static CompletionStage<Verdict> done(Verdict v) {
    return CompletableFuture.completedFuture(v);
  }
}
