package dev.switchboard.ops.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.account.Account;
import dev.switchboard.store.account.AccountOptions;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import dev.switchboard.store.testing.OpenDatabase;
import dev.switchboard.store.usage.CallRecord;
import dev.switchboard.store.usage.CallRecordRepository;
import dev.switchboard.store.usage.RegistrationEventRepository;
import dev.switchboard.store.usage.RegistrationRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The weekly rollup and the scoring run over real SIP tables, on H2 and PostgreSQL. */
public class UsageRollupTest {

  public static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  /** A Shanghai wall-clock time as an instant. */
  public static Instant sh(int day, int hour, int minute) {
    return LocalDateTime.of(2026, 11, day, hour, minute).toInstant(ZoneOffset.ofHours(8));
  }

  public static RegistrationRecord reg(String domain, String user, String kind, Instant at) {
    return new RegistrationRecord(
        0,
        domain,
        "sip:" + user + "@" + domain,
        "sip:" + user + "@10.0.0.1",
        kind,
        at,
        "udp",
        "10.0.0.1",
        "t");
  }

  public static CallRecord call(String domain, String from, String to, Instant setup, int seconds) {
    Instant answer = seconds > 0 ? setup.plusSeconds(2) : null;
    return new CallRecord(
        0,
        domain,
        "c" + setup.toEpochMilli() + from,
        "sip:" + from + "@" + domain,
        "sip:" + to + "@" + domain,
        "internal",
        setup,
        answer,
        (answer == null ? setup : answer).plusSeconds(seconds),
        seconds,
        seconds > 0 ? 200 : 486,
        "caller");
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void rollsUpOneBusinessWeekOfLiveTenants(String kind) {
    try (OpenDatabase d = OpenDatabase.of(kind, dir)) {
      TenantRepository tenants = new TenantRepository(d.db.jdbi());
      AccountRepository accounts = new AccountRepository(d.db.jdbi());
      tenants.create(
          new Tenant("acme.test", "Acme", TenantStatus.ACTIVE, "retail", null, CLOCK.instant()));
      tenants.create(
          new Tenant(
              "imported.test", "Imported", TenantStatus.ACTIVE, null, null, CLOCK.instant()));
      tenants.create(
          new Tenant("gone.test", "Gone", TenantStatus.SUSPENDED, null, null, CLOCK.instant()));
      accounts.create(
          "acme.test",
          Account.create("1001", "A").withOptions(new AccountOptions(true, null, null, null, 20)),
          "secret-1001");
      accounts.create("acme.test", Account.create("1002", "B"), "secret-1002");
      accounts.create("acme.test", Account.create("1003", "C"), "secret-1003");
      accounts.create("acme.test", Account.create("1004", "D"), "secret-1004");
      accounts.create("acme.test", Account.create("1005", "E").withEnabled(false), "secret-1005");
      accounts.create("gone.test", Account.create("1001", "G"), "secret-1001");
      long acme = id(d, "acme.test");
      long imported = id(d, "imported.test");
      d.db
          .jdbi()
          .useHandle(
              h ->
                  h.execute(
                      "INSERT INTO tenant_usage_week VALUES (?, ?, 7, 6, 5, 40, 90, 3, 5)",
                      imported,
                      MONDAY));
      new RegistrationEventRepository(d.db.jdbi())
          .insertAll(
              List.of(
                  reg("acme.test", "1001", "added", sh(16, 9, 0)),
                  reg("acme.test", "1002", "refreshed", sh(17, 10, 0)),
                  reg("acme.test", "1001", "refreshed", sh(17, 11, 0)),
                  // a removal is not a registration, and its day does not count as active
                  reg("acme.test", "1003", "removed", sh(18, 9, 0)),
                  // the week after
                  reg("acme.test", "1004", "added", sh(23, 0, 5)),
                  reg("gone.test", "1001", "added", sh(17, 9, 0))));
      new CallRecordRepository(d.db.jdbi())
          .insertAll(
              List.of(
                  // Monday 00:10 in Shanghai is still Sunday in UTC: it belongs to this week
                  call("acme.test", "1001", "1002", sh(16, 0, 10), 0),
                  call("acme.test", "1001", "1002", sh(16, 9, 30), 60),
                  call("acme.test", "1002", "1001", sh(16, 10, 0), 90),
                  call("acme.test", "1001", "1003", sh(16, 11, 0), 30),
                  // Thursday 23:30 Shanghai is Thursday 15:30 UTC
                  call("acme.test", "1002", "1001", sh(19, 23, 30), 59),
                  // Sunday 23:59 of the week before
                  call("acme.test", "1001", "1002", sh(15, 23, 59), 600),
                  call("gone.test", "1001", "1002", sh(17, 9, 0), 600)));

      int rows = new UsageRollup(d.db).rollup(MONDAY.plusDays(3));

      assertThat(rows).isEqualTo(1);
      List<WeekSignals> weeks = new UsageWeeks(d.db).weeks(acme, MONDAY.minusWeeks(4));
      // 4 enabled seats, 1001 and 1002 registered, Mon/Tue/Thu active, 5 calls of 239 s,
      // voicemail configured and calls made
      assertThat(weeks).containsExactly(new WeekSignals(MONDAY, 4, 2, 3, 5, 4, 0, 1));
      assertThat(new UsageWeeks(d.db).weeks(imported, MONDAY))
          .containsExactly(new WeekSignals(MONDAY, 7, 6, 5, 40, 90, 3, 5));
      assertThat(new UsageWeeks(d.db).weeks(id(d, "gone.test"), MONDAY)).isEmpty();

      // Running again replaces the week instead of adding to it.
      assertThat(new UsageRollup(d.db).rollup(MONDAY)).isEqualTo(1);
      assertThat(new UsageWeeks(d.db).weeks(acme, MONDAY)).hasSize(1);
    }
  }

  public static long id(OpenDatabase d, String domain) {
    return d.db.jdbi().withHandle(h -> TenantRepository.idOf(h, domain).orElseThrow());
  }
}
