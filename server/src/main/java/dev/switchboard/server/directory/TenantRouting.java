package dev.switchboard.server.directory;

/** A tenant's domain as the SIP side needs it: its status and how calls to it are routed. */
public record TenantRouting(String domain, boolean admitted, Mode mode) {

  /** Proxy forwards to the registered contacts; redirect answers 302 with them. */
  public enum Mode {
    PROXY,
    REDIRECT
  }
}
