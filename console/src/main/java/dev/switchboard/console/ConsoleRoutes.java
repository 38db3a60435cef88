package dev.switchboard.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.billing.BillingRoutes;
import dev.switchboard.console.churn.ChurnRoutes;
import dev.switchboard.console.edge.HttpSettings;
import dev.switchboard.console.marketing.MarketingRoutes;
import dev.switchboard.console.metrics.MetricsRoutes;
import dev.switchboard.console.sales.SalesRoutes;
import dev.switchboard.console.success.SuccessRoutes;
import dev.switchboard.console.web.AccessGate;
import dev.switchboard.console.web.ConsoleSite;
import dev.switchboard.console.web.SessionCookie;
import dev.switchboard.console.web.SessionStore;
import dev.switchboard.console.web.SignInThrottle;
import dev.switchboard.store.Database;
import dev.switchboard.store.staff.StaffRepository;
import dev.switchboard.store.tenant.TenantRepository;
import io.javalin.config.JavalinConfig;
import java.time.Clock;

/**
 * Wires the console into the server: the access gate in front of {@code /api/v1}, sessions and
 * staff users, and the single-page app's static files.
 */
final class ConsoleRoutes {

  private ConsoleRoutes() {}

  static void register(
      JavalinConfig cfg,
      Database db,
      AdminToken token,
      ObjectMapper mapper,
      TenantRepository tenants,
      HttpSettings http) {
    Clock clock = Clock.systemUTC();
    StaffRepository staff = new StaffRepository(db.jdbi());
    SessionStore sessions = new SessionStore(clock);
    AccessGate gate = new AccessGate(token, sessions, staff);
    cfg.routes.before("/api/v1/*", gate::check);
    ConsoleSite.configure(cfg);
    new SessionRoutes(
            staff,
            sessions,
            SignInThrottle.standard(clock),
            mapper,
            new SessionCookie(http.publicHttps()))
        .register(cfg.routes);
    new UserRoutes(staff, sessions, mapper).register(cfg.routes);
    BillingRoutes.register(cfg, db, mapper, clock);
    MetricsRoutes.register(cfg, db, mapper, clock);
    MarketingRoutes.register(cfg, db, mapper, clock);
    SalesRoutes.register(cfg, db, mapper, clock);
    SuccessRoutes.register(cfg, db, mapper, clock);
    ChurnRoutes.register(cfg, db, mapper, clock);
  }
}
