package dev.switchboard.console.marketing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.Database;
import io.javalin.config.JavalinConfig;
import java.time.Clock;

/** The marketing department's routes under {@code /api/v1}. */
public final class MarketingRoutes {

  private MarketingRoutes() {}

  public static void register(JavalinConfig cfg, Database db, ObjectMapper mapper, Clock clock) {
    // Routes are added here as the department's features land.
  }
}
