package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written OpenAPI description and the routes the server really has agree exactly. */
class OpenApiTest {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  @TempDir Path dir;

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
    JsonNode doc = OpenApiDocument.load(new ObjectMapper());
    List<String> documented = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Iterator<String> ops = path.getValue().fieldNames(); ops.hasNext(); ) {
        String op = ops.next();
        if (METHODS.contains(op)) {
          documented.add(op.toUpperCase(Locale.ROOT) + " " + path.getKey());
          assertThat(path.getValue().get(op).get("responses")).as(path.getKey()).isNotNull();
        }
      }
    }
    try (Database db = Database.open(TestDatabases.h2(dir).settings());
        ApiServer server = ApiServer.start("127.0.0.1", 0, db, AdminToken.of("t"))) {
      assertThat(server.routes()).isNotEmpty().containsExactlyInAnyOrderElementsOf(documented);
    }
  }
}
