package dev.switchboard.ops.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An H2 data directory written when every migration still lived in {@code store} (V1–V9 applied, a
 * customer with a profile and a usage week) opens unchanged now that each department ships its own
 * migrations: same versions, same checksums, nothing re-run, the rows still there.
 */
class LegacyDataDirectoryTest {

  @TempDir Path dir;

  @Test
  void aDatabaseMigratedBeforeTheMoveStillOpens() throws Exception {
    try (InputStream in =
            new GZIPInputStream(getClass().getResourceAsStream("/legacy/switchboard-v9.mv.db.gz"));
        OutputStream out = Files.newOutputStream(dir.resolve("switchboard.mv.db"))) {
      in.transferTo(out);
    }
    try (Database db = Database.open(DatabaseSettings.embedded(dir))) {
      List<String> history =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT version || ' ' || checksum FROM flyway_schema_history"
                                  + " WHERE version IS NOT NULL ORDER BY installed_rank")
                          .mapTo(String.class)
                          .list());
      assertThat(history)
          .containsExactly(
              "1 -351424940",
              "2 -1039255889",
              "3 -1342662275",
              "4 2130745628",
              "5 1088759209",
              "6 -965638287",
              "7 1870106611",
              "8 -746282979",
              "9 1362830875",
              "10 516258500",
              "11 1312800122",
              "12 -2091345992");
      CustomerProfile legacy = new CustomerProfiles(db.jdbi()).find("legacy.test").orElseThrow();
      assertThat(legacy.acquisitionChannel()).isEqualTo("seo");
      int calls =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT calls FROM tenant_usage_week")
                          .mapTo(Integer.class)
                          .one());
      assertThat(calls).isEqualTo(30);
    }
  }

  @Test
  void aNewDatabaseRecordsTheSameChecksumsAsBefore(@TempDir Path fresh) {
    try (Database db = Database.open(DatabaseSettings.embedded(fresh))) {
      List<String> scripts =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT script || ' ' || checksum FROM flyway_schema_history"
                                  + " WHERE version IS NOT NULL ORDER BY installed_rank")
                          .mapTo(String.class)
                          .list());
      // Each department's migrations sit in its own folder; versions stay one sequence.
      assertThat(scripts)
          .containsExactly(
              "V1__tenants_and_accounts.sql -351424940",
              "V2__sip_routing_and_usage.sql -1039255889",
              "V3__staff_and_sessions.sql -1342662275",
              "customer/V4__business_customer_and_weekly_usage.sql 2130745628",
              "billing/V5__billing.sql 1088759209",
              "marketing/V6__marketing.sql -965638287",
              "sales/V7__sales.sql 1870106611",
              "success/V8__success.sql -746282979",
              "churn/V9__churn.sql 1362830875",
              "V10__pbx_services.sql 516258500",
              "V11__group_queue.sql 1312800122",
              "V12__prompt_language.sql -2091345992");
    }
  }
}
