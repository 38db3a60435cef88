package dev.switchboard.store.account;

import dev.switchboard.store.tenant.TenantStatus;

/**
 * What a registrar or proxy needs to challenge and admit one extension.
 *
 * @param ha1Md5 lower-case hex MD5 HA1 with the tenant's domain as realm
 * @param ha1Sha256 lower-case hex SHA-256 HA1 with the tenant's domain as realm
 */
public record SipCredential(
    String domain,
    String user,
    String ha1Md5,
    String ha1Sha256,
    boolean accountEnabled,
    TenantStatus tenantStatus) {

  /** True when this extension may register and call now. */
  public boolean admitted() {
    return accountEnabled && tenantStatus.allowsService();
  }

  @Override
  public String toString() {
    return "SipCredential[" + user + "@" + domain + ", enabled=" + accountEnabled + "]";
  }
}
