package dev.switchboard.console.success;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.Database;
import io.javalin.config.JavalinConfig;
import java.time.Clock;

/** The success department's routes under {@code /api/v1}. */
public final class SuccessRoutes {

  private SuccessRoutes() {}

  public static void register(JavalinConfig cfg, Database db, ObjectMapper mapper, Clock clock) {
    // Routes are added here as the department's features land.
  }
}
