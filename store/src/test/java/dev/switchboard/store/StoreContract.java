package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.store.account.Account;
import dev.switchboard.store.account.AccountOptions;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.account.DigestHa1;
import dev.switchboard.store.account.SipCredential;
import dev.switchboard.store.tenant.RoutingMode;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import dev.switchboard.store.testing.TestDatabase;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tenant and account storage, run once per database kind by its subclasses. */
abstract class StoreContract {

  @TempDir Path tmp;
  private TestDatabase testDb;
  private Database db;
  TenantRepository tenants;
  AccountRepository accounts;

  abstract TestDatabase newDatabase(Path dir);

  @BeforeEach
  void open() {
    testDb = newDatabase(tmp);
    db = Database.open(testDb.settings());
    tenants = new TenantRepository(db.jdbi());
    accounts = new AccountRepository(db.jdbi());
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
  void tenantRoundTripsWithAllFields() {
    Tenant t =
        Tenant.create("Acme.TEST.", "Acme")
            .withIndustry("dentistry")
            .withTimeZone(ZoneId.of("Asia/Shanghai"))
            .withRoutingMode(RoutingMode.REDIRECT);
    Tenant stored = tenants.create(t);
    assertThat(stored).isEqualTo(t);
    assertThat(stored.domain()).isEqualTo("acme.test");
    assertThat(tenants.get("ACME.test")).isEqualTo(t);
    assertThat(tenants.list()).containsExactly(t);
  }

  @Test
  void duplicateDomainIsRefusedWhateverItsCase() {
    tenants.create(Tenant.create("acme.test", "Acme"));
    assertThatThrownBy(() -> tenants.create(Tenant.create("ACME.test", "Other")))
        .isInstanceOf(DuplicateException.class)
        .extracting(e -> ((StoreException) e).field())
        .isEqualTo("domain");
  }

  @Test
  void updateChangesOnlyMutableFields() {
    Tenant t = tenants.create(Tenant.create("acme.test", "Acme"));
    Tenant changed =
        tenants.update(
            t.withName("Acme Ltd")
                .withStatus(TenantStatus.SUSPENDED)
                .withTimeZone(ZoneId.of("UTC"))
                .withRoutingMode(RoutingMode.REDIRECT));
    assertThat(changed.name()).isEqualTo("Acme Ltd");
    assertThat(changed.routingMode()).isEqualTo(RoutingMode.REDIRECT);
    assertThat(Tenant.create("x.test", "X").routingMode()).isEqualTo(RoutingMode.PROXY);
    assertThat(changed.status()).isEqualTo(TenantStatus.SUSPENDED);
    assertThat(changed.createdAt()).isEqualTo(t.createdAt());
    assertThatThrownBy(() -> tenants.update(Tenant.create("nope.test", "x")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void deletingATenantRemovesItsAccounts() {
    tenants.create(Tenant.create("acme.test", "Acme"));
    tenants.create(Tenant.create("other.test", "Other"));
    accounts.create("acme.test", Account.create("1001", null), "pw");
    accounts.create("other.test", Account.create("1001", null), "pw");
    tenants.delete("acme.test");
    assertThat(tenants.find("acme.test")).isEmpty();
    assertThat(accounts.lookup("acme.test", "1001")).isEmpty();
    assertThat(accounts.lookup("other.test", "1001")).isPresent();
    assertThat(count("SELECT COUNT(*) FROM account")).isEqualTo(1);
    assertThatThrownBy(() -> tenants.delete("acme.test")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void directoryKnowsLocalDomains() {
    tenants.create(Tenant.create("acme.test", "Acme"));
    assertThat(tenants.isLocalDomain("ACME.TEST")).isTrue();
    assertThat(tenants.isLocalDomain("example.com")).isFalse();
  }

  @Test
  void credentialsAreHa1OnlyWithTheDomainAsRealm() {
    tenants.create(Tenant.create("acme.test", "Acme"));
    accounts.create("acme.test", Account.create("1001", "Front desk"), "s3cret-Passw0rd");
    SipCredential c = accounts.lookup("Acme.Test", "1001").orElseThrow();
    DigestHa1 expected = DigestHa1.of("1001", "acme.test", "s3cret-Passw0rd");
    assertThat(c.ha1Md5()).isEqualTo(expected.md5()).hasSize(32);
    assertThat(c.ha1Sha256()).isEqualTo(expected.sha256()).hasSize(64);
    assertThat(c.admitted()).isTrue();
    // No column of any row holds the password itself.
    List<Map<String, Object>> rows =
        db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM account").mapToMap().list());
    assertThat(rows.toString()).doesNotContain("s3cret-Passw0rd");
  }

  @Test
  void lookupReflectsDisabledAccountsAndSuspendedTenants() {
    Tenant t = tenants.create(Tenant.create("acme.test", "Acme"));
    Account a = accounts.create("acme.test", Account.create("1001", null), "pw");
    accounts.update("acme.test", a.withEnabled(false), Optional.empty());
    assertThat(accounts.lookup("acme.test", "1001").orElseThrow().admitted()).isFalse();
    accounts.update("acme.test", a, Optional.empty());
    tenants.update(t.withStatus(TenantStatus.SUSPENDED));
    SipCredential c = accounts.lookup("acme.test", "1001").orElseThrow();
    assertThat(c.accountEnabled()).isTrue();
    assertThat(c.tenantStatus()).isEqualTo(TenantStatus.SUSPENDED);
    assertThat(c.admitted()).isFalse();
    assertThat(accounts.lookup("acme.test", "9999")).isEmpty();
    assertThat(accounts.lookup("nope.test", "1001")).isEmpty();
  }

  @Test
  void accountUpdateWritesOptionsAndPassword() {
    tenants.create(Tenant.create("acme.test", "Acme"));
    Account a = accounts.create("acme.test", Account.create("1001", "Desk"), "old");
    AccountOptions options =
        new AccountOptions(true, null, "sip:voicemail@acme.test", "sip:1002@acme.test", 30);
    Account changed =
        accounts.update(
            "acme.test", a.withDisplayName("Reception").withOptions(options), Optional.of("new"));
    assertThat(changed.options()).isEqualTo(options);
    assertThat(changed.displayName()).isEqualTo("Reception");
    assertThat(accounts.get("acme.test", "1001")).isEqualTo(changed);
    assertThat(accounts.lookup("acme.test", "1001").orElseThrow().ha1Md5())
        .isEqualTo(DigestHa1.of("1001", "acme.test", "new").md5());
  }

  @Test
  void accountErrorsNameTheirField() {
    tenants.create(Tenant.create("acme.test", "Acme"));
    accounts.create("acme.test", Account.create("1001", null), "pw");
    assertThatThrownBy(() -> accounts.create("acme.test", Account.create("1001", null), "pw"))
        .isInstanceOf(DuplicateException.class);
    assertThatThrownBy(() -> accounts.create("nope.test", Account.create("1001", null), "pw"))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((StoreException) e).field())
        .isEqualTo("domain");
    assertThatThrownBy(() -> accounts.create("acme.test", Account.create("1002", null), ""))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((StoreException) e).field())
        .isEqualTo("password");
    assertThatThrownBy(() -> accounts.get("acme.test", "1002"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> accounts.delete("acme.test", "1002"))
        .isInstanceOf(NotFoundException.class);
    accounts.delete("acme.test", "1001");
    assertThat(accounts.list("acme.test")).isEmpty();
  }

  @Test
  void migrationsAreIdempotentAcrossReopen() {
    tenants.create(Tenant.create("acme.test", "Acme"));
    db.close();
    db = Database.open(testDb.settings());
    assertThat(new TenantRepository(db.jdbi()).find("acme.test")).isPresent();
  }

  long count(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
