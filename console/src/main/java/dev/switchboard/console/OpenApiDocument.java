package dev.switchboard.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI description served at {@code /api/openapi.json}: the telephony document plus one
 * fragment per department, so each part of the API is described next to nothing else.
 */
public final class OpenApiDocument {

  /** The fragments merged into {@code openapi.json}: their paths and component schemas. */
  static final List<String> FRAGMENTS =
      List.of(
          "openapi-billing.json",
          "openapi-metrics.json",
          "openapi-marketing.json",
          "openapi-sales.json",
          "openapi-success.json",
          "openapi-churn.json",
          "openapi-security.json");

  private OpenApiDocument() {}

  /** The merged document; a path or schema defined twice is a build error, not a silent win. */
  public static JsonNode load(ObjectMapper mapper) {
    ObjectNode doc = (ObjectNode) read(mapper, "openapi.json");
    ObjectNode paths = (ObjectNode) doc.get("paths");
    ObjectNode schemas = doc.with("components").with("schemas");
    for (String name : FRAGMENTS) {
      JsonNode fragment = read(mapper, name);
      merge(paths, fragment.path("paths"), name);
      merge(schemas, fragment.path("components").path("schemas"), name);
    }
    return doc;
  }

  private static void merge(ObjectNode into, JsonNode from, String source) {
    for (Map.Entry<String, JsonNode> e : from.properties()) {
      if (into.has(e.getKey())) {
        throw new IllegalStateException(source + " defines " + e.getKey() + " a second time");
      }
      into.set(e.getKey(), e.getValue());
    }
  }

  private static JsonNode read(ObjectMapper mapper, String name) {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return mapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
