package dev.switchboard.sip.auth;

import dev.switchboard.sip.message.SipResponse;

/** What {@link DigestAuthenticator#authenticate} decided about a request. */
public sealed interface AuthResult {

  /**
   * The credentials are right for {@code username}; whether that user may do this is the caller's
   * call.
   */
  record Authenticated(String username, DigestAlgorithm algorithm) implements AuthResult {}

  /**
   * Send {@code response}, a ready 401 or 407 with the challenge headers and no body. It has no To
   * tag yet: a transaction user adds its own, as {@code ServerTransaction.createResponse} would.
   * {@code cause} is for logs and metrics only; the wire form never tells the causes apart except
   * through stale=true.
   */
  record Challenge(SipResponse response, Cause cause) implements AuthResult {
    /** Whether the challenge says stale=true (the client knew the password). */
    public boolean stale() {
      return cause.stale();
    }
  }

  /** The credentials header is malformed: answer {@code status} (400) with {@code reason}. */
  record Rejected(int status, String reason) implements AuthResult {}

  /** Why a request was challenged. */
  enum Cause {
    /** No Digest credentials for our realm. */
    NO_CREDENTIALS,
    /** An algorithm or qop we do not offer, or userhash. */
    UNSUPPORTED,
    /** A nonce we did not issue, altered, or issued for another realm. */
    INVALID_NONCE,
    /** Unknown user or wrong password: deliberately one cause. */
    WRONG_CREDENTIALS,
    /** Right credentials, expired nonce (stale=true). */
    STALE_NONCE,
    /** Right credentials, nonce count already used (stale=true). */
    REPLAYED;

    /** Whether the client proved it knows the password, so the challenge says stale=true. */
    public boolean stale() {
      return this == STALE_NONCE || this == REPLAYED;
    }
  }
}
