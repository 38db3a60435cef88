package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.console.AdminToken;
import dev.switchboard.console.ApiServer;
import dev.switchboard.store.Database;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.account.DigestHa1;
import dev.switchboard.store.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/** The {@code switchboard admin} commands against an in-process server, per database kind. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CliContract {

  static final String TOKEN = "cli-token";
  private static final AtomicInteger SEQ = new AtomicInteger();

  private Path tmp;
  private TestDatabase testDb;
  private Database db;
  private ApiServer server;
  private AccountRepository accounts;

  abstract TestDatabase newDatabase(Path dir);

  /** What one command printed and returned. */
  record Run(int exit, String out, String err) {}

  @BeforeAll
  void start() throws java.io.IOException {
    tmp = Files.createTempDirectory("switchboard-cli");
    testDb = newDatabase(tmp);
    db = Database.open(testDb.settings());
    accounts = new AccountRepository(db.jdbi());
    server = ApiServer.start("127.0.0.1", 0, db, AdminToken.of(TOKEN));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (db != null) {
      db.close();
    }
    if (testDb != null) {
      testDb.close();
    }
    try (var files = Files.walk(tmp)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Run admin(String... args) {
    return run(TOKEN, args);
  }

  Run run(String token, String... args) {
    List<String> all = new ArrayList<>(List.of("admin"));
    all.addAll(Arrays.asList(args));
    all.addAll(List.of("--url", server.url()));
    if (token != null) {
      all.addAll(List.of("--token", token));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  static String domain() {
    return "cli" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36) + ".test";
  }

  @Test
  void tenantAddListRemove() {
    String d = domain();
    Run add = admin("tenant", "add", "--name", "Acme", "--domain", d);
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).contains("Created tenant " + d);

    Run list = admin("tenant", "list");
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains("DOMAIN").contains(d).contains("Acme").contains("trial");

    Run again = admin("tenant", "add", "--name", "Acme", "--domain", d);
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("error:").contains("exists").contains("domain");

    Run remove = admin("tenant", "remove", "--domain", d);
    assertThat(remove.exit()).as(remove.err()).isZero();
    assertThat(remove.out()).contains("Removed tenant " + d);
    Run gone = admin("tenant", "remove", "--domain", d);
    assertThat(gone.exit()).isEqualTo(1);
    assertThat(gone.err()).contains("no tenant");
  }

  @Test
  void userAddListRemove() {
    String d = domain();
    assertThat(admin("tenant", "add", "--name", "Acme", "--domain", d).exit()).isZero();
    String email = "boss@" + d;
    Run add =
        admin(
            "user",
            "add",
            "--email",
            email,
            "--password",
            "long-enough-pw",
            "--role",
            "tenant_admin",
            "--tenant",
            d);
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).contains("Created user " + email + " (tenant_admin of " + d + ")");
    assertThat(add.out() + add.err()).doesNotContain("long-enough-pw");
    Run list = admin("user", "list");
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains("EMAIL").contains(email).contains("tenant_admin");
    Run weak = admin("user", "add", "--email", "x@" + d, "--password", "short", "--role", "admin");
    assertThat(weak.exit()).isEqualTo(1);
    assertThat(weak.err()).contains("at least 10").contains("field: password");
    Run remove = admin("user", "remove", "--email", email);
    assertThat(remove.exit()).as(remove.err()).isZero();
    assertThat(admin("user", "remove", "--email", email).err()).contains("no user");
  }

  @Test
  void badInputIsReportedWithTheServersMessage() {
    Run bad = admin("tenant", "add", "--name", "Acme", "--domain", "not a host");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("domain must be a host name").contains("field: domain");
  }

  @Test
  void accountAddListRemove() {
    String d = domain();
    admin("tenant", "add", "--name", "Acme", "--domain", d);
    Run add =
        admin(
            "account",
            "add",
            "--domain",
            d,
            "--user",
            "1001",
            "--password",
            "s3cret",
            "--display-name",
            "Front desk");
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).contains("Created account 1001@" + d).doesNotContain("s3cret");
    assertThat(accounts.lookup(d, "1001").orElseThrow().ha1Md5())
        .isEqualTo(DigestHa1.of("1001", d, "s3cret").md5());

    Run list = admin("account", "list", "--domain", d);
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains("1001").contains("Front desk").contains("1 account(s)");

    Run dup = admin("account", "add", "--domain", d, "--user", "1001", "--password", "x");
    assertThat(dup.exit()).isEqualTo(1);
    assertThat(dup.err()).contains("exists");

    Run badUser = admin("account", "add", "--domain", d, "--user", "a b", "--password", "x");
    assertThat(badUser.exit()).isEqualTo(1);
    assertThat(badUser.err()).contains("field: user");

    Run noTenant = admin("account", "list", "--domain", domain());
    assertThat(noTenant.exit()).isEqualTo(1);
    assertThat(noTenant.err()).contains("no tenant");

    Run remove = admin("account", "remove", "--domain", d, "--user", "1001");
    assertThat(remove.exit()).as(remove.err()).isZero();
    assertThat(accounts.lookup(d, "1001")).isEmpty();
    assertThat(admin("account", "remove", "--domain", d, "--user", "1001").exit()).isEqualTo(1);
  }

  @Test
  void importAccountsReportsRejectedRows() throws Exception {
    String d = domain();
    admin("tenant", "add", "--name", "Acme", "--domain", d);
    admin("account", "add", "--domain", d, "--user", "1000", "--password", "x");
    StringBuilder csv = new StringBuilder("user,password,displayName,enabled\n");
    for (int i = 0; i < 3_000; i++) {
      csv.append(5000 + i).append(",pw").append(i).append(",User ").append(i).append(",true\n");
    }
    csv.append("bad user,pw,Bad,true\n"); // line 3002
    csv.append("5000,pw,Twice,true\n"); // line 3003
    csv.append("1000,pw,Exists,true\n"); // line 3004
    csv.append("9999,,No password,true\n"); // line 3005
    Path file = tmp.resolve("accounts.csv");
    Files.writeString(file, csv);

    Run r = admin("import", "accounts", "--domain", d, file.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("Imported 3000 account(s)").contains("rejected 4 row(s)");
    assertThat(r.out())
        .contains("line 3002 (user 'bad user'): bad user")
        .contains("line 3003 (user '5000'): duplicate in file (first on line 2)")
        .contains("line 3004 (user '1000'): already exists")
        .contains("line 3005 (user '9999'): missing password");
    assertThat(r.err()).contains("100%").contains("3004/3004");
    assertThat(accounts.list(d)).hasSize(3_001);

    Path clean = tmp.resolve("clean.csv");
    Files.writeString(clean, "user,password\n9001,a\n9002,b\n");
    Run ok = admin("import", "accounts", "--domain", d, clean.toString());
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("Imported 2 account(s)").contains("rejected 0 row(s)");

    Path badHeader = tmp.resolve("bad.csv");
    Files.writeString(badHeader, "login,secret\n1,2\n");
    Run bh = admin("import", "accounts", "--domain", d, badHeader.toString());
    assertThat(bh.exit()).isEqualTo(1);
    assertThat(bh.err()).contains("unknown column");
  }

  @Test
  void theTokenCanComeFromAFileInsteadOfTheCommandLine() throws Exception {
    java.nio.file.Path file = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
    Run fromFile = run(null, "tenant", "list", "--token-file", file.toString());
    assertThat(fromFile.exit()).as(fromFile.err()).isEqualTo(0);
    Run missing = run(null, "tenant", "list", "--token-file", tmp.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read the token file");
  }

  @Test
  void usageAndConnectionErrors() {
    Run missing = admin("tenant", "add", "--name", "Acme");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--domain");

    Run noFile =
        admin("import", "accounts", "--domain", "x.test", tmp.resolve("nope.csv").toString());
    assertThat(noFile.exit()).isEqualTo(2);
    assertThat(noFile.err()).contains("cannot read");

    Run noSub = admin("tenant");
    assertThat(noSub.exit()).isEqualTo(2);

    Run wrongToken = run("wrong", "tenant", "list");
    assertThat(wrongToken.exit()).isEqualTo(1);
    assertThat(wrongToken.err()).contains("token");

    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(new StringWriter(), true));
    cmd.setErr(new PrintWriter(err, true));
    int exit =
        cmd.execute("admin", "tenant", "list", "--url", "http://127.0.0.1:1", "--token", "t");
    assertThat(exit).isEqualTo(3);
    assertThat(err.toString()).contains("cannot reach the server");
  }
}
