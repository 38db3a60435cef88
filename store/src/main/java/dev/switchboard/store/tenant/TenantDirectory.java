package dev.switchboard.store.tenant;

import java.util.Optional;

/** Read side for the SIP service: which domains are served here and by whom. */
public interface TenantDirectory {

  /** True when {@code domain} (any case) is the SIP domain of a tenant of this installation. */
  boolean isLocalDomain(String domain);

  /** The tenant that owns {@code domain}, if any. */
  Optional<Tenant> find(String domain);
}
