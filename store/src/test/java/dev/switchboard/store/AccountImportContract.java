package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.store.account.Account;
import dev.switchboard.store.account.AccountImport;
import dev.switchboard.store.account.AccountImport.Rejection;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.account.DigestHa1;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.testing.TestDatabase;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV import of accounts, run once per database kind by its subclasses. */
abstract class AccountImportContract {

  @TempDir Path tmp;
  private TestDatabase testDb;
  private Database db;
  private AccountRepository accounts;
  private AccountImport importer;

  abstract TestDatabase newDatabase(Path dir);

  @BeforeEach
  void open() {
    testDb = newDatabase(tmp);
    db = Database.open(testDb.settings());
    new TenantRepository(db.jdbi()).create(Tenant.create("acme.test", "Acme"));
    accounts = new AccountRepository(db.jdbi());
    importer = new AccountImport(db.jdbi());
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
  void goodRowsLandAndBadRowsAreReportedWithLineNumbers() {
    accounts.create("acme.test", Account.create("1000", null), "pw");
    String csv =
        String.join(
            "\n",
            "user,password,displayName,enabled",
            "1001,pw1,Front desk,true",
            "1002,pw2,\"Smith, Jane\",false",
            "bad user,pw3,Space,true",
            "1004,,No password,true",
            "1001,pw5,Again,true",
            "1000,pw6,Exists,true",
            "",
            "1008,pw8,Enabled?,maybe",
            "1009,pw9",
            "1010,pw10,Last,");
    List<int[]> progress = new ArrayList<>();
    AccountImport.Report report =
        importer.run("ACME.test", new StringReader(csv), (p, t) -> progress.add(new int[] {p, t}));

    assertThat(report.imported()).isEqualTo(3);
    assertThat(report.rejected())
        .extracting(Rejection::line, Rejection::user)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(4, "bad user"),
            org.assertj.core.groups.Tuple.tuple(5, "1004"),
            org.assertj.core.groups.Tuple.tuple(6, "1001"),
            org.assertj.core.groups.Tuple.tuple(7, "1000"),
            org.assertj.core.groups.Tuple.tuple(9, "1008"),
            org.assertj.core.groups.Tuple.tuple(10, "1009"));
    assertThat(report.rejected())
        .extracting(Rejection::reason)
        .satisfiesExactly(
            r -> assertThat(r).startsWith("bad user"),
            r -> assertThat(r).isEqualTo("missing password"),
            r -> assertThat(r).contains("duplicate in file").contains("line 2"),
            r -> assertThat(r).isEqualTo("already exists"),
            r -> assertThat(r).startsWith("bad enabled value"),
            r -> assertThat(r).contains("columns"));
    assertThat(accounts.get("acme.test", "1002").displayName()).isEqualTo("Smith, Jane");
    assertThat(accounts.get("acme.test", "1002").enabled()).isFalse();
    assertThat(accounts.get("acme.test", "1010").enabled()).isTrue();
    assertThat(accounts.lookup("acme.test", "1001").orElseThrow().ha1Sha256())
        .isEqualTo(DigestHa1.of("1001", "acme.test", "pw1").sha256());
    assertThat(progress).isNotEmpty();
    assertThat(progress.get(progress.size() - 1)).containsExactly(9, 9);
  }

  @Test
  void thousandsOfRowsInSeveralBatches() {
    StringBuilder csv = new StringBuilder("user,password,displayName\n");
    for (int i = 0; i < 5_000; i++) {
      csv.append(20000 + i).append(",pw").append(i).append(",User ").append(i).append('\n');
    }
    AccountImport.Report report =
        importer.run("acme.test", new StringReader(csv.toString()), AccountImport.Progress.NONE);
    assertThat(report.imported()).isEqualTo(5_000);
    assertThat(report.rejected()).isEmpty();
    assertThat(accounts.list("acme.test")).hasSize(5_000);
  }

  @Test
  void headerProblemsRejectTheWholeFile() {
    assertThatThrownBy(
            () -> importer.run("acme.test", new StringReader(""), AccountImport.Progress.NONE))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(
            () ->
                importer.run(
                    "acme.test",
                    new StringReader("user,secret\n1,2\n"),
                    AccountImport.Progress.NONE))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("secret");
    assertThatThrownBy(
            () ->
                importer.run(
                    "nope.test",
                    new StringReader("user,password\n1,2\n"),
                    AccountImport.Progress.NONE))
        .isInstanceOf(NotFoundException.class);
    assertThat(accounts.list("acme.test")).isEmpty();
  }
}
