package dev.switchboard.store.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.Database;
import dev.switchboard.store.account.Account;
import dev.switchboard.store.account.AccountImport;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.account.DigestHa1;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import dev.switchboard.store.testing.TestDatabase;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every tenant and account write appends a change row; the bulk reads see what was written. */
abstract class DirectoryChangeLogContract {

  @TempDir Path tmp;
  private TestDatabase testDb;
  private Database db;
  private TenantRepository tenants;
  private AccountRepository accounts;
  private DirectoryChangeLog log;

  abstract TestDatabase newDatabase(Path dir);

  @BeforeEach
  void open() {
    testDb = newDatabase(tmp);
    db = Database.open(testDb.settings());
    tenants = new TenantRepository(db.jdbi());
    accounts = new AccountRepository(db.jdbi());
    log = new DirectoryChangeLog(db.jdbi());
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  @Test
  void everyWriteAppendsOneChangeInOrder() {
    assertThat(log.latestId()).isZero();
    Tenant t = tenants.create(Tenant.create("acme.test", "Acme"));
    accounts.create("acme.test", Account.create("1001", "Ann"), "secret-1001");
    accounts.update("acme.test", Account.create("1001", "Ann B"), Optional.of("secret-2002"));
    accounts.delete("acme.test", "1001");
    tenants.update(t.withStatus(TenantStatus.SUSPENDED));
    tenants.delete("acme.test");

    List<DirectoryChange> changes = log.changesAfter(0, 100);
    assertThat(changes)
        .extracting(DirectoryChange::domain, DirectoryChange::user)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("acme.test", null),
            org.assertj.core.groups.Tuple.tuple("acme.test", "1001"),
            org.assertj.core.groups.Tuple.tuple("acme.test", "1001"),
            org.assertj.core.groups.Tuple.tuple("acme.test", "1001"),
            org.assertj.core.groups.Tuple.tuple("acme.test", null),
            org.assertj.core.groups.Tuple.tuple("acme.test", null));
    assertThat(changes).extracting(DirectoryChange::id).isSorted();
    assertThat(log.latestId()).isEqualTo(changes.get(changes.size() - 1).id());
    assertThat(log.changesAfter(changes.get(3).id(), 100)).hasSize(2);
    assertThat(log.changesAfter(0, 2)).hasSize(2);
  }

  @Test
  void failedWritesAppendNothing() {
    tenants.create(Tenant.create("acme.test", "Acme"));
    long before = log.latestId();
    try {
      tenants.create(Tenant.create("acme.test", "Again"));
    } catch (RuntimeException expected) {
      // duplicate
    }
    try {
      accounts.delete("acme.test", "nobody");
    } catch (RuntimeException expected) {
      // not found
    }
    assertThat(log.latestId()).isEqualTo(before);
  }

  @Test
  void importAppendsOneTenantWideChange() {
    tenants.create(Tenant.create("acme.test", "Acme"));
    long before = log.latestId();
    new AccountImport(db.jdbi())
        .run(
            "acme.test",
            new StringReader("user,password,displayName\n2001,pw-2001-x,A\n2002,pw-2002-x,B\n"),
            AccountImport.Progress.NONE);
    assertThat(log.changesAfter(before, 10))
        .extracting(DirectoryChange::user)
        .containsExactly((String) null);
    assertThat(log.subscribers("acme.test"))
        .extracting(SubscriberEntry::user)
        .containsExactlyInAnyOrder("2001", "2002");
  }

  @Test
  void bulkReadsCarryStatusRoutingModeAndHa1s() {
    tenants.create(Tenant.create("a.test", "A"));
    tenants.create(Tenant.create("b.test", "B").withStatus(TenantStatus.ACTIVE));
    accounts.create("a.test", Account.create("1001", null), "secret-1001");
    accounts.create("b.test", Account.create("1001", null).withEnabled(false), "secret-b1001");

    assertThat(log.tenants())
        .containsExactlyInAnyOrder(
            new TenantEntry("a.test", TenantStatus.TRIAL, "proxy"),
            new TenantEntry("b.test", TenantStatus.ACTIVE, "proxy"));
    assertThat(log.tenant("A.TEST"))
        .contains(new TenantEntry("a.test", TenantStatus.TRIAL, "proxy"));
    assertThat(log.tenant("c.test")).isEmpty();

    DigestHa1 ha1 = DigestHa1.of("1001", "a.test", "secret-1001");
    assertThat(log.subscriber("a.test", "1001"))
        .contains(new SubscriberEntry("a.test", "1001", ha1.md5(), ha1.sha256(), true));
    assertThat(log.subscriber("b.test", "1001"))
        .get()
        .extracting(SubscriberEntry::enabled)
        .isEqualTo(false);
    assertThat(log.subscriber("a.test", "9999")).isEmpty();
    assertThat(log.subscribers()).hasSize(2);
  }
}
