package dev.switchboard.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.Database;
import dev.switchboard.store.account.Account;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.directory.DirectoryChangeLog;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The in-memory directory loads at start and follows writes through the change log. */
class CachedSubscriberDirectoryTest {

  @TempDir Path tmp;
  TestDatabase testDb;
  Database db;
  TenantRepository tenants;
  AccountRepository accounts;

  @BeforeEach
  void open() {
    testDb = TestDatabases.h2(tmp);
    db = Database.open(testDb.settings());
    tenants = new TenantRepository(db.jdbi());
    accounts = new AccountRepository(db.jdbi());
    tenants.create(Tenant.create("a.test", "A"));
    accounts.create("a.test", Account.create("1001", null), "secret-1001");
  }

  @AfterEach
  void close() {
    db.close();
    testDb.close();
  }

  Optional<Subscriber> get(SubscriberDirectory d, String user) throws Exception {
    return d.subscriber("A.test", user).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @org.junit.jupiter.api.Test
  void aTenantCreatedBeforeThePollIsFoundInTheDatabaseOffThread() throws Exception {
    try (CachedSubscriberDirectory d =
        CachedSubscriberDirectory.start(
            new DirectoryChangeLog(db.jdbi()),
            Clock.systemUTC(),
            DirectoryConfig.DEFAULT.withPollInterval(Duration.ofHours(1)))) {
      tenants.create(Tenant.create("new.test", "New"));
      assertThat(d.tenant("new.test")).isEmpty();
      assertThat(d.findTenant("NEW.test").toCompletableFuture().get(5, TimeUnit.SECONDS))
          .contains(new TenantRouting("new.test", true, TenantRouting.Mode.PROXY));
      assertThat(d.tenant("new.test")).isPresent();
      assertThat(d.findTenant("none.test").toCompletableFuture().get(5, TimeUnit.SECONDS))
          .isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void followsTenantAndAccountChanges(boolean preload) throws Exception {
    try (CachedSubscriberDirectory d =
        CachedSubscriberDirectory.start(
            new DirectoryChangeLog(db.jdbi()),
            Clock.systemUTC(),
            DirectoryConfig.DEFAULT.withPollInterval(Duration.ofHours(1)).withPreload(preload))) {
      assertThat(d.tenant("A.TEST"))
          .contains(new TenantRouting("a.test", true, TenantRouting.Mode.PROXY));
      assertThat(d.isLocalDomain("b.test")).isFalse();
      assertThat(get(d, "1001")).get().extracting(Subscriber::admitted).isEqualTo(true);
      assertThat(get(d, "1002")).isEmpty();

      accounts.create("a.test", Account.create("1002", null), "secret-1002");
      accounts.update("a.test", Account.create("1001", null).withEnabled(false), Optional.empty());
      tenants.create(Tenant.create("b.test", "B"));
      d.poll();
      assertThat(get(d, "1002")).isPresent();
      assertThat(get(d, "1001")).get().extracting(Subscriber::admitted).isEqualTo(false);
      assertThat(d.isLocalDomain("b.test")).isTrue();

      tenants.update(tenants.get("a.test").withStatus(TenantStatus.SUSPENDED));
      d.poll();
      assertThat(d.tenant("a.test")).get().extracting(TenantRouting::admitted).isEqualTo(false);
      assertThat(get(d, "1002")).get().extracting(Subscriber::admitted).isEqualTo(false);

      accounts.delete("a.test", "1002");
      tenants.delete("b.test");
      d.poll();
      assertThat(get(d, "1002")).isEmpty();
      assertThat(d.isLocalDomain("b.test")).isFalse();
    }
  }

  @org.junit.jupiter.api.Test
  void thePollThreadPicksUpChangesOnItsOwn() {
    try (CachedSubscriberDirectory d =
        CachedSubscriberDirectory.start(
            new DirectoryChangeLog(db.jdbi()),
            Clock.systemUTC(),
            DirectoryConfig.DEFAULT.withPollInterval(Duration.ofMillis(20)))) {
      tenants.create(Tenant.create("c.test", "C"));
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> d.isLocalDomain("c.test"));
    }
  }
}
