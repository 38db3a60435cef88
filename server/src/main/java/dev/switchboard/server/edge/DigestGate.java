package dev.switchboard.server.edge;

import dev.switchboard.server.directory.Subscriber;
import dev.switchboard.server.directory.SubscriberDirectory;
import dev.switchboard.sip.auth.AuthResult;
import dev.switchboard.sip.auth.ChallengeKind;
import dev.switchboard.sip.auth.DigestAuthenticator;
import dev.switchboard.sip.auth.DigestCredentials;
import dev.switchboard.sip.auth.DigestParseException;
import dev.switchboard.sip.auth.Ha1Pair;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.store.security.SecurityBlock;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Digest authentication of our subscribers, in one place for the registrar (401, realm = the
 * registered domain) and the proxy (407, realm = the caller's domain): every wrong answer counted
 * against the sender and the account, and a sender that guessed too often refused outright. Decided
 * at once from memory when the directory knows the user, which is always for a preloaded directory;
 * otherwise after a lookup.
 */
public final class DigestGate {

  /** What to do with the request. */
  public sealed interface Decision {
    /** Proved: go on as this subscriber. */
    record Pass(AuthenticatedCaller caller) implements Decision {}

    /** Answer with {@code response} (a challenge, 403 or 400; no To tag yet). */
    record Deny(SipResponse response) implements Decision {}

    /** Only the system of record knows the user: ask {@link #later}. */
    record Unknown() implements Decision {}
  }

  private static final Decision UNKNOWN = new Decision.Unknown();

  private final DigestAuthenticator authenticator;
  private final SubscriberDirectory directory;
  private final EdgeSecurity security;
  private final Clock clock;

  public DigestGate(
      DigestAuthenticator authenticator,
      SubscriberDirectory directory,
      EdgeSecurity security,
      Clock clock) {
    this.authenticator = authenticator;
    this.directory = directory;
    this.security = security;
    this.clock = clock;
  }

  public DigestAuthenticator authenticator() {
    return authenticator;
  }

  public EdgeSecurity security() {
    return security;
  }

  /** The decision from memory, or {@link Decision.Unknown}. Never blocks. */
  public Decision now(SipRequest request, InetAddress source, String realm, ChallengeKind kind) {
    String user = credentialsUser(request, realm, kind);
    if (user == null) {
      return refusal(
          request, authenticator.authenticate(request, realm, kind, (u, r) -> Optional.empty()));
    }
    SipResponse blocked = blocked(request, source, user + "@" + realm);
    if (blocked != null) {
      return new Decision.Deny(blocked);
    }
    Optional<Optional<Subscriber>> known = directory.cached(realm, user);
    if (known.isEmpty()) {
      return UNKNOWN;
    }
    return decide(request, source, realm, kind, user, known.get());
  }

  /**
   * The decision for a request inside {@code tx}: the caller the edge already authenticated for
   * {@code realm} when there is one (its nonce count is spent, so checking again would look like a
   * replay), else {@link #later}.
   */
  public CompletionStage<Decision> forTransaction(
      dev.switchboard.sip.transaction.ServerTransaction tx, String realm, ChallengeKind kind) {
    if (tx.context() instanceof AuthenticatedCaller caller && caller.domain().equals(realm)) {
      return CompletableFuture.completedFuture(new Decision.Pass(caller));
    }
    return later(tx.request(), tx.source().address().getAddress(), realm, kind);
  }

  /** The decision, loading the user from the system of record when memory does not know it. */
  public CompletionStage<Decision> later(
      SipRequest request, InetAddress source, String realm, ChallengeKind kind) {
    Decision d = now(request, source, realm, kind);
    if (!(d instanceof Decision.Unknown)) {
      return CompletableFuture.completedFuture(d);
    }
    String user = credentialsUser(request, realm, kind);
    return directory
        .subscriber(realm, user)
        .thenApply(found -> decide(request, source, realm, kind, user, found));
  }

  private Decision decide(
      SipRequest request,
      InetAddress source,
      String realm,
      ChallengeKind kind,
      String user,
      Optional<Subscriber> found) {
    AuthResult result =
        authenticator.authenticate(
            request,
            realm,
            kind,
            (u, r) ->
                found
                    .filter(s -> s.user().equals(u) && s.domain().equals(r))
                    .map(s -> new Ha1Pair(s.ha1Md5(), s.ha1Sha256())));
    String account = user + "@" + realm;
    if (result instanceof AuthResult.Authenticated ok && found.isPresent()) {
      security.authSucceeded(source, account);
      // Proved: a SigComp message may now keep state in the sender's compartment.
      request.vouch();
      return new Decision.Pass(new AuthenticatedCaller(found.get(), ok.algorithm()));
    }
    if (result instanceof AuthResult.Challenge c
        && c.cause() == AuthResult.Cause.WRONG_CREDENTIALS) {
      security.authFailed(source, account);
    }
    return refusal(request, result);
  }

  private static Decision refusal(SipRequest request, AuthResult result) {
    if (result instanceof AuthResult.Challenge c) {
      return new Decision.Deny(c.response());
    }
    if (result instanceof AuthResult.Rejected r) {
      return new Decision.Deny(request.createResponse(r.status(), r.reason()));
    }
    throw new IllegalStateException("authenticated without a subscriber");
  }

  /** 403 with the time left, when this sender may not try this account (or at all) for now. */
  private SipResponse blocked(SipRequest request, InetAddress source, String account) {
    SecurityBlock b = security.pairBlock(source, account);
    if (b == null) {
      b = security.sourceBlock(source);
    }
    if (b == null) {
      return null;
    }
    security.log().count("auth_refused_blocked");
    SipResponse r = request.createResponse(403, "Too Many Failed Attempts");
    long left = Math.max(1, Duration.between(clock.instant(), b.until()).toSeconds());
    r.setHeader(HeaderNames.RETRY_AFTER, Long.toString(left));
    return r;
  }

  /** The user named by the credentials for {@code realm}, or null when there are none. */
  public static String credentialsUser(SipRequest request, String realm, ChallengeKind kind) {
    for (String value : request.headers().all(kind.credentialsHeader())) {
      try {
        DigestCredentials c = DigestCredentials.parse(value);
        if (realm.equals(c.realm())) {
          return c.username();
        }
      } catch (DigestParseException | IllegalArgumentException e) {
        // Another scheme or a malformed header: the authenticator reports it.
      }
    }
    return null;
  }
}
