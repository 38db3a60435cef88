package dev.switchboard.console.web;

import dev.switchboard.console.AdminToken;
import dev.switchboard.console.ApiServer;
import dev.switchboard.console.LiveLines;
import dev.switchboard.console.NodeState;
import dev.switchboard.console.edge.HttpSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.account.Account;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.media.ConferenceRoster;
import dev.switchboard.store.media.HoldMusicFiles;
import dev.switchboard.store.security.SecurityDesk;
import dev.switchboard.store.staff.Role;
import dev.switchboard.store.staff.StaffRepository;
import dev.switchboard.store.staff.StaffUser;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import dev.switchboard.store.testing.TestDatabases;
import dev.switchboard.store.usage.ActiveBinding;
import dev.switchboard.store.usage.Registrations;
import dev.switchboard.store.voicemail.Mailboxes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real server on 127.0.0.1 over an H2 file, with users of each kind the console tests need. */
public final class ConsoleFixture implements AutoCloseable {

  public static final String TOKEN = "console-test-token";
  public static final String ADMIN = "admin@switchboard.test";
  public static final String PASSWORD = "admin-password-1";

  private final Path dir;
  public final Database db;
  public final ApiServer server;
  public final StaffRepository staff;
  public final TenantRepository tenants;
  public final AccountRepository accounts;

  /** The voicemail boxes the console's voicemail settings write to. */
  public final Mailboxes mailboxes;

  /** The tenants' hold music the console uploads. */
  public final HoldMusicFiles holdMusic;

  /**
   * Who the console is told is registered: the registrar's location service lives in another
   * module, so tests say it here; the console pages what it is given.
   */
  public final List<ActiveBinding> registered = new CopyOnWriteArrayList<>();

  public ConsoleFixture() throws IOException {
    this(HttpSettings.DIRECT);
  }

  /** A server reached as {@code http} says (public URL, trusted proxies). */
  public ConsoleFixture(HttpSettings http) throws IOException {
    dir = Files.createTempDirectory("switchboard-console");
    db = Database.open(TestDatabases.h2(dir).settings());
    // The lowest bcrypt cost keeps the tests fast; the server verifies any cost a hash names.
    staff = new StaffRepository(db.jdbi(), 4);
    tenants = new TenantRepository(db.jdbi());
    accounts = new AccountRepository(db.jdbi());
    mailboxes = new Mailboxes(dir.resolve("voicemail"));
    holdMusic = new HoldMusicFiles(dir.resolve("hold-music"));
    staff.create(StaffUser.create(ADMIN, "Ada Admin", Role.ADMIN, null), PASSWORD);
    Registrations registrations =
        (domain, now, limit, cursor) ->
            Registrations.page(
                registered.stream()
                    .filter(b -> b.aor().endsWith("@" + domain) && b.expiresAt().isAfter(now))
                    .sorted(Comparator.comparing(ActiveBinding::aor))
                    .toList(),
                limit,
                cursor);
    server =
        ApiServer.start(
            "127.0.0.1",
            0,
            db,
            AdminToken.of(TOKEN),
            http,
            new NodeState(
                registrations,
                SecurityDesk.NONE,
                () -> "",
                mailboxes,
                LiveLines.NONE,
                null,
                null,
                ConferenceRoster.NONE,
                holdMusic));
  }

  public String url() {
    return server.url();
  }

  /** A tenant with two extensions. */
  public void tenant(String domain, String name) {
    tenants.create(Tenant.create(domain, name).withStatus(TenantStatus.ACTIVE));
    accounts.create(domain, Account.create("1001", "Reception"), "secret-1001");
    accounts.create(domain, Account.create("1002", "Sales desk"), "secret-1002");
  }

  public void user(String email, Role role, String tenant) {
    staff.create(StaffUser.create(email, null, role, tenant), PASSWORD);
  }

  @Override
  public void close() throws IOException {
    server.close();
    db.close();
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
