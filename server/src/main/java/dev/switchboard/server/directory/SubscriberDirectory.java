package dev.switchboard.server.directory;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The tenants and extensions the SIP side serves, held in memory and kept current from the
 * database's change log, so no SIP request waits on the database while the cache is warm.
 */
public interface SubscriberDirectory {

  /** The tenant that owns {@code domain} (case-insensitive), from memory. */
  Optional<TenantRouting> tenant(String domain);

  /**
   * The tenant of {@code domain}: from memory, else looked up in the system of record off the
   * calling thread (a tenant created a moment ago may not be in memory yet).
   */
  default CompletionStage<Optional<TenantRouting>> findTenant(String domain) {
    return java.util.concurrent.CompletableFuture.completedFuture(tenant(domain));
  }

  default boolean isLocalDomain(String domain) {
    return tenant(domain).isPresent();
  }

  /**
   * The extension {@code user} of {@code domain}: from memory when cached, else loaded off the
   * calling thread; completes empty when there is no such extension.
   */
  CompletionStage<Optional<Subscriber>> subscriber(String domain, String user);

  /**
   * What memory knows about {@code user@domain} right now, without loading anything: the
   * subscriber, or an empty inner Optional when it is known not to exist; an empty outer Optional
   * when only the system of record can tell (then use {@link #subscriber}).
   */
  default Optional<Optional<Subscriber>> cached(String domain, String user) {
    CompletionStage<Optional<Subscriber>> s = subscriber(domain, user);
    var f = s.toCompletableFuture();
    return f.isDone() && !f.isCompletedExceptionally() ? Optional.of(f.join()) : Optional.empty();
  }
}
