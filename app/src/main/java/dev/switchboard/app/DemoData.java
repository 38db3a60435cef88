package dev.switchboard.app;

import dev.switchboard.demo.BusinessDemo;
import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.store.Database;
import dev.switchboard.store.account.Account;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.staff.Role;
import dev.switchboard.store.staff.StaffRepository;
import dev.switchboard.store.staff.StaffUser;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The demo tenant and its extensions; {@link #ensure} may run any number of times. */
final class DemoData {

  static final String DOMAIN = "demo.switchboard.test";
  static final String NAME = "Demo Co";

  /** A demo extension with its well-known password (demo only: printed on purpose). */
  record Extension(String user, String displayName, String password) {}

  static final List<Extension> EXTENSIONS =
      List.of(
          new Extension("1001", "Reception", "demo1001"),
          new Extension("1002", "Sales", "demo1002"),
          new Extension("1003", "Support", "demo1003"),
          new Extension("1004", "Accounts", "demo1004"),
          new Extension("1005", "Warehouse", "demo1005"));

  /** The demo's first console admin (demo only: its password is printed on purpose). */
  static final String ADMIN_EMAIL = "admin@demo.switchboard.test";

  static final String ADMIN_PASSWORD = "demo-admin-password";

  private DemoData() {}

  /** Two years of business history from the one demo story, written by each department. */
  static void ensureBusiness(Database db) {
    BusinessDemo.seed(db, LocalDate.now(BusinessCalendar.ZONE));
  }

  /** Creates what is missing and resets the demo passwords, leaving everything else alone. */
  static void ensure(Database db) {
    TenantRepository tenants = new TenantRepository(db.jdbi());
    AccountRepository accounts = new AccountRepository(db.jdbi());
    if (tenants.find(DOMAIN).isEmpty()) {
      tenants.create(
          Tenant.create(DOMAIN, NAME).withStatus(TenantStatus.ACTIVE).withIndustry("demo"));
    }
    for (Extension e : EXTENSIONS) {
      if (accounts.lookup(DOMAIN, e.user()).isEmpty()) {
        accounts.create(DOMAIN, Account.create(e.user(), e.displayName()), e.password());
      } else {
        accounts.update(DOMAIN, accounts.get(DOMAIN, e.user()), Optional.of(e.password()));
      }
    }
    StaffRepository staff = new StaffRepository(db.jdbi());
    var admin = staff.find(ADMIN_EMAIL);
    if (admin.isEmpty()) {
      staff.create(StaffUser.create(ADMIN_EMAIL, "Demo Admin", Role.ADMIN, null), ADMIN_PASSWORD);
    } else {
      staff.update(
          admin.get().withRole(Role.ADMIN, null).withEnabled(true), Optional.of(ADMIN_PASSWORD));
    }
  }
}
