package dev.switchboard.console.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.Database;
import io.javalin.config.JavalinConfig;
import java.time.Clock;

/** The metrics department's routes under {@code /api/v1}. */
public final class MetricsRoutes {

  private MetricsRoutes() {}

  public static void register(JavalinConfig cfg, Database db, ObjectMapper mapper, Clock clock) {
    // Routes are added here as the department's features land.
  }
}
