package dev.switchboard.store.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.store.Database;
import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.usage.DailyUsage;
import dev.switchboard.store.usage.DailyUsageQuery;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staff users and daily usage against a real database (see the subclasses for which). */
abstract class StaffStoreContract {

  @TempDir Path dir;
  private TestDatabase testDb;
  private Database db;
  private StaffRepository staff;
  private TenantRepository tenants;

  abstract TestDatabase newDatabase(Path dir);

  @BeforeEach
  void open() {
    testDb = newDatabase(dir);
    db = Database.open(testDb.settings());
    staff = new StaffRepository(db.jdbi(), 4);
    tenants = new TenantRepository(db.jdbi());
    tenants.create(Tenant.create("acme.test", "Acme"));
  }

  @AfterEach
  void close() {
    // Null when the database was skipped (PostgreSQL outside CI without a server).
    if (db != null) {
      db.close();
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  @Test
  void storesABcryptHashAndChecksPasswords() {
    StaffUser u =
        staff.create(StaffUser.create("Ann@Example.COM", "Ann", Role.ADMIN, null), "correct horse");
    assertThat(u.id()).isPositive();
    assertThat(u.email()).isEqualTo("ann@example.com");
    String hash =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT password_hash FROM staff_user")
                        .mapTo(String.class)
                        .one());
    assertThat(hash).startsWith("$2a$04$").doesNotContain("correct horse");
    assertThat(staff.authenticate("ann@example.com", "correct horse")).contains(u);
    assertThat(staff.authenticate("ANN@example.com", "correct horse")).isPresent();
    assertThat(staff.authenticate("ann@example.com", "wrong horse")).isEmpty();
    assertThat(staff.authenticate("bob@example.com", "correct horse")).isEmpty();
    assertThat(staff.authenticate("not an email", "x")).isEmpty();
  }

  @Test
  void disabledUsersCannotSignInAndPasswordChangesTakeEffect() {
    StaffUser u =
        staff.create(StaffUser.create("s@example.com", null, Role.SALES, null), "0123456789");
    staff.update(u.withEnabled(false), Optional.empty());
    assertThat(staff.authenticate("s@example.com", "0123456789")).isEmpty();
    staff.update(u.withEnabled(true), Optional.of("9876543210"));
    assertThat(staff.authenticate("s@example.com", "0123456789")).isEmpty();
    assertThat(staff.authenticate("s@example.com", "9876543210")).isPresent();
  }

  @Test
  void rolesAndTenantsAreChecked() {
    assertThatThrownBy(() -> StaffUser.create("t@example.com", null, Role.TENANT_ADMIN, null))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> StaffUser.create("t@example.com", null, Role.SALES, "acme.test"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Role.parse("root")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(
            () ->
                staff.create(
                    StaffUser.create("t@example.com", null, Role.TENANT_ADMIN, "nope.test"),
                    "0123456789"))
        .isInstanceOf(NotFoundException.class);
    StaffUser t =
        staff.create(
            StaffUser.create("t@example.com", null, Role.TENANT_ADMIN, "ACME.test"), "0123456789");
    assertThat(t.tenantDomain()).isEqualTo("acme.test");
    assertThatThrownBy(
            () -> staff.create(StaffUser.create("T@example.com", null, Role.SALES, null), "x"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("at least 10");
    assertThatThrownBy(
            () ->
                staff.create(
                    StaffUser.create("T@example.com", null, Role.SALES, null), "0123456789"))
        .isInstanceOf(DuplicateException.class);
    tenants.delete("acme.test");
    assertThat(staff.find("t@example.com")).isEmpty();
  }

  @Test
  void dailyUsageCountsCallsAndAnsweredMinutesPerLocalDay() {
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    // 2025-03-01 23:30 in Shanghai is 15:30 UTC the same day; 2025-03-02 00:30 local is 16:30 UTC.
    insertCall("2025-03-01T15:30:00Z", true, 90);
    insertCall("2025-03-01T16:30:00Z", true, 30);
    insertCall("2025-03-01T16:40:00Z", false, 0);
    insertCall("2025-02-01T10:00:00Z", true, 600); // outside the range
    List<DailyUsage> days =
        new DailyUsageQuery(db.jdbi())
            .days(
                "acme.test",
                shanghai,
                LocalDate.parse("2025-03-01"),
                LocalDate.parse("2025-03-03"));
    assertThat(days)
        .containsExactly(
            new DailyUsage(LocalDate.parse("2025-03-01"), 1, 1, 90),
            new DailyUsage(LocalDate.parse("2025-03-02"), 2, 1, 30),
            new DailyUsage(LocalDate.parse("2025-03-03"), 0, 0, 0));
    assertThat(days.get(0).minutes()).isEqualTo(1.5);
    assertThatThrownBy(
            () ->
                new DailyUsageQuery(db.jdbi())
                    .days(
                        "acme.test",
                        shanghai,
                        LocalDate.parse("2025-03-02"),
                        LocalDate.parse("2025-03-01")))
        .isInstanceOf(InvalidValueException.class);
  }

  private void insertCall(String setup, boolean answered, int seconds) {
    OffsetDateTime s = OffsetDateTime.parse(setup);
    db.jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO call_record (sip_domain, call_id, from_uri, to_uri, direction,"
                            + " setup_time, answer_time, end_time, duration_seconds, status,"
                            + " ended_by) VALUES ('acme.test', :id, 'sip:1001@acme.test',"
                            + " 'sip:1002@acme.test', 'internal', :s, :a, :e, :d, :st, 'caller')")
                    .bind("id", "c-" + setup)
                    .bind("s", s)
                    .bindByType("a", answered ? s.plusSeconds(2) : null, OffsetDateTime.class)
                    .bind("e", s.plusSeconds(2 + seconds))
                    .bind("d", seconds)
                    .bind("st", answered ? 200 : 486)
                    .execute());
  }
}
