package dev.switchboard.sip.auth;

import dev.switchboard.sip.message.HeaderNames;

/**
 * Who challenges: a registrar or UAS (401, WWW-Authenticate) or a proxy (407, Proxy-Authenticate).
 */
public enum ChallengeKind {
  WWW(401, HeaderNames.WWW_AUTHENTICATE, HeaderNames.AUTHORIZATION),
  PROXY(407, HeaderNames.PROXY_AUTHENTICATE, HeaderNames.PROXY_AUTHORIZATION);

  private final int status;
  private final String challengeHeader;
  private final String credentialsHeader;

  ChallengeKind(int status, String challengeHeader, String credentialsHeader) {
    this.status = status;
    this.challengeHeader = challengeHeader;
    this.credentialsHeader = credentialsHeader;
  }

  /** 401 or 407. */
  public int status() {
    return status;
  }

  /** WWW-Authenticate or Proxy-Authenticate. */
  public String challengeHeader() {
    return challengeHeader;
  }

  /** Authorization or Proxy-Authorization. */
  public String credentialsHeader() {
    return credentialsHeader;
  }

  /** The kind a 401 or 407 response carries. */
  public static ChallengeKind forStatus(int status) {
    return switch (status) {
      case 401 -> WWW;
      case 407 -> PROXY;
      default -> throw new IllegalArgumentException("not a challenge status: " + status);
    };
  }
}
