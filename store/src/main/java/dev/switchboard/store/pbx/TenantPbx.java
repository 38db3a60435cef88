package dev.switchboard.store.pbx;

import dev.switchboard.store.account.AccountOptions;
import java.util.List;
import java.util.Map;

/**
 * Everything the SIP side needs to route one tenant's calls: its dial plan, its groups and the call
 * handling of each extension (by user part).
 */
public record TenantPbx(
    String domain,
    PbxSettings settings,
    List<RingGroup> groups,
    Map<String, AccountOptions> options) {

  public TenantPbx {
    groups = List.copyOf(groups);
    options = Map.copyOf(options);
  }
}
