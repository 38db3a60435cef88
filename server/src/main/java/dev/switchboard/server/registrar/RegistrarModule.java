package dev.switchboard.server.registrar;

import dev.switchboard.server.directory.CachedSubscriberDirectory;
import dev.switchboard.server.directory.DirectoryConfig;
import dev.switchboard.server.directory.SubscriberDirectory;
import dev.switchboard.server.edge.DigestGate;
import dev.switchboard.server.edge.EdgeConfig;
import dev.switchboard.server.edge.EdgeSecurity;
import dev.switchboard.server.location.Binding;
import dev.switchboard.server.location.BindingJournal;
import dev.switchboard.server.location.ExpirySweeper;
import dev.switchboard.server.location.IndexedLocationService;
import dev.switchboard.server.location.LegacyBindingTable;
import dev.switchboard.server.location.LocationConfig;
import dev.switchboard.server.location.LocationService;
import dev.switchboard.server.usage.UsageSink;
import dev.switchboard.sip.auth.ChallengeOrder;
import dev.switchboard.sip.auth.DigestAuthenticator;
import dev.switchboard.store.directory.DirectoryChangeLog;
import dev.switchboard.store.location.BindingRepository;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

/**
 * Builds and owns the registrar with what it needs: the in-memory subscriber directory, the
 * location service with its writer and sweeper, and the digest authenticator. Close it after the
 * transport has stopped.
 */
public final class RegistrarModule implements AutoCloseable {

  /**
   * Everything tunable, with production defaults in {@link #DEFAULT}.
   *
   * @param challengeOrder which digest challenge comes first in 401s and, through the shared {@link
   *     #authenticator()}, in the proxy's 407s
   */
  public record Settings(
      RegistrarConfig registrar,
      DirectoryConfig directory,
      LocationConfig location,
      byte[] nonceSecret,
      Duration nonceLifetime,
      ChallengeOrder challengeOrder,
      EdgeConfig edge) {

    public static final Settings DEFAULT =
        new Settings(
            RegistrarConfig.DEFAULT,
            DirectoryConfig.DEFAULT,
            LocationConfig.DEFAULT,
            null,
            DigestAuthenticator.DEFAULT_NONCE_LIFETIME,
            ChallengeOrder.SHA256_FIRST,
            EdgeConfig.DEFAULT);

    public Settings withChallengeOrder(ChallengeOrder order) {
      return new Settings(registrar, directory, location, nonceSecret, nonceLifetime, order, edge);
    }

    public Settings withNonceSecret(byte[] secret) {
      return new Settings(
          registrar, directory, location, secret, nonceLifetime, challengeOrder, edge);
    }

    public Settings withEdge(EdgeConfig config) {
      return new Settings(
          registrar, directory, location, nonceSecret, nonceLifetime, challengeOrder, config);
    }
  }

  private final CachedSubscriberDirectory directory;
  private final IndexedLocationService locations;
  private final ExpirySweeper sweeper;
  private final DigestGate gate;
  private final Registrar registrar;

  private RegistrarModule(
      CachedSubscriberDirectory directory,
      IndexedLocationService locations,
      ExpirySweeper sweeper,
      DigestGate gate,
      Registrar registrar) {
    this.directory = directory;
    this.locations = locations;
    this.sweeper = sweeper;
    this.gate = gate;
    this.registrar = registrar;
  }

  /**
   * Loads the directory from the database and the unexpired bindings from the journal in {@code
   * locationDir}, and starts the background threads. A null {@code settings.nonceSecret()} draws a
   * random one (nonces then do not survive a restart; nodes of a cluster must share one).
   */
  public static RegistrarModule start(
      Jdbi jdbi, UsageSink usage, Clock clock, Settings settings, Path locationDir) {
    byte[] secret = settings.nonceSecret();
    if (secret == null) {
      secret = new byte[32];
      new SecureRandom().nextBytes(secret);
    }
    DigestAuthenticator authenticator =
        new DigestAuthenticator(clock, secret, settings.nonceLifetime(), settings.challengeOrder());
    CachedSubscriberDirectory directory =
        CachedSubscriberDirectory.start(new DirectoryChangeLog(jdbi), clock, settings.directory());
    IndexedLocationService locations;
    BindingJournal journal = null;
    try {
      boolean fresh = BindingJournal.isNew(locationDir);
      journal =
          BindingJournal.open(
              locationDir, settings.location().syncWrites(), settings.location().compactBytes());
      locations = IndexedLocationService.open(journal, usage, clock, settings.location());
      if (fresh) {
        adoptLegacyTable(new BindingRepository(jdbi), locations, clock);
      }
    } catch (RuntimeException e) {
      if (journal != null) {
        journal.close();
      }
      directory.close();
      throw e;
    }
    ExpirySweeper sweeper = new ExpirySweeper(locations, settings.location().sweepInterval());
    DigestGate gate =
        new DigestGate(authenticator, directory, new EdgeSecurity(settings.edge(), clock), clock);
    Registrar registrar = new Registrar(directory, locations, gate, clock, settings.registrar());
    return new RegistrarModule(directory, locations, sweeper, gate, registrar);
  }

  /**
   * Before the journal, bindings lived in the database: a first start with an empty journal takes
   * them over, so an upgraded node keeps every phone it had acknowledged.
   */
  private static void adoptLegacyTable(
      BindingRepository table, IndexedLocationService locations, Clock clock) {
    List<Binding> old = LegacyBindingTable.unexpired(table, clock.instant());
    if (old.isEmpty()) {
      return;
    }
    locations.adopt(old).toCompletableFuture().join();
    table.clear();
    LoggerFactory.getLogger(RegistrarModule.class)
        .info("moved {} bindings from the database table into the location journal", old.size());
  }

  public Registrar registrar() {
    return registrar;
  }

  /** For the proxy and redirect server: where each AOR is registered. */
  public LocationService locations() {
    return locations;
  }

  /** For the proxy: tenants, routing modes and subscriber credentials. */
  public SubscriberDirectory directory() {
    return directory;
  }

  /**
   * Shared with the edge and the proxy, so one nonce space, one replay record and one count of
   * failures covers 401 and 407.
   */
  public DigestGate gate() {
    return gate;
  }

  /** The location service itself, for counters and tests. */
  public IndexedLocationService locationService() {
    return locations;
  }

  @Override
  public void close() {
    gate.security().close();
    sweeper.close();
    locations.close();
    directory.close();
  }
}
