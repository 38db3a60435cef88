package dev.switchboard.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the served OpenAPI document for tests: every documented operation, and a plausible request
 * body built from an operation's schema (so a fuzzer starts from something the server accepts).
 */
final class OpenApiSamples {

  /** One documented operation. */
  record Operation(String method, String path, JsonNode spec) {

    /** The media types of the request body, empty when there is none. */
    List<String> bodyTypes() {
      List<String> out = new ArrayList<>();
      spec.path("requestBody").path("content").fieldNames().forEachRemaining(out::add);
      return out;
    }

    JsonNode jsonBodySchema() {
      return spec.path("requestBody").path("content").path("application/json").path("schema");
    }

    /** The documented parameters that sit in {@code in} (query, path). */
    List<JsonNode> parameters(String in) {
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode p : spec.path("parameters")) {
        if (in.equals(p.path("in").asText())) {
          out.add(p);
        }
      }
      return out;
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final JsonNode doc;

  OpenApiSamples(JsonNode doc) {
    this.doc = doc;
  }

  static OpenApiSamples load() {
    return new OpenApiSamples(OpenApiDocument.load(new ObjectMapper()));
  }

  List<Operation> operations() {
    List<Operation> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Iterator<String> it = path.getValue().fieldNames(); it.hasNext(); ) {
        String method = it.next();
        if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
          out.add(
              new Operation(
                  method.toUpperCase(Locale.ROOT),
                  path.getKey(),
                  withParameters(path.getValue().get(method))));
        }
      }
    }
    return out;
  }

  /** The operation with its shared parameters ({@code $ref} to the components) written out. */
  private JsonNode withParameters(JsonNode spec) {
    if (!spec.has("parameters")) {
      return spec;
    }
    ObjectNode copy = spec.deepCopy();
    ArrayNode parameters = copy.putArray("parameters");
    for (JsonNode p : spec.get("parameters")) {
      parameters.add(resolve(p));
    }
    return copy;
  }

  /** The schema {@code node} names, following {@code $ref} into the components. */
  JsonNode resolve(JsonNode node) {
    JsonNode n = node;
    while (n != null && n.has("$ref")) {
      String ref = n.get("$ref").asText();
      n = doc.at(ref.substring(1));
    }
    return n;
  }

  /** A reference to the component schema {@code name}. */
  JsonNode sampleRef(String name) {
    return NODES.objectNode().put("$ref", "#/components/schemas/" + name);
  }

  /** The non-null type a schema declares ("string", "object", ...), or null. */
  static String type(JsonNode schema) {
    JsonNode t = schema.get("type");
    if (t == null) {
      return schema.has("properties") ? "object" : null;
    }
    if (t.isArray()) {
      for (JsonNode e : t) {
        if (!e.asText().equals("null")) {
          return e.asText();
        }
      }
      return null;
    }
    return t.asText();
  }

  /** A value the schema allows, with every property of an object filled. */
  JsonNode sample(JsonNode schemaOrRef) {
    return sample(schemaOrRef, 0);
  }

  private JsonNode sample(JsonNode schemaOrRef, int depth) {
    JsonNode s = resolve(schemaOrRef);
    if (s == null || s.isMissingNode() || depth > 6) {
      return NODES.nullNode();
    }
    if (s.has("example")) {
      return s.get("example");
    }
    if (s.has("enum")) {
      return s.get("enum").get(0);
    }
    for (String alt : List.of("oneOf", "anyOf", "allOf")) {
      if (s.has(alt)) {
        return sample(s.get(alt).get(0), depth + 1);
      }
    }
    String type = type(s);
    if (type == null) {
      return NODES.textNode("x");
    }
    return switch (type) {
      case "object" -> {
        ObjectNode o = NODES.objectNode();
        for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
          o.set(p.getKey(), sample(p.getValue(), depth + 1));
        }
        yield o;
      }
      case "array" -> {
        ArrayNode a = NODES.arrayNode();
        a.add(sample(s.path("items"), depth + 1));
        yield a;
      }
      case "integer" -> NODES.numberNode(s.has("minimum") ? s.get("minimum").asLong() + 1 : 1);
      case "number" -> NODES.numberNode(s.has("minimum") ? s.get("minimum").asDouble() + 1 : 1);
      case "boolean" -> NODES.booleanNode(true);
      default -> NODES.textNode(text(s));
    };
  }

  private static String text(JsonNode s) {
    return switch (s.path("format").asText()) {
      case "date" -> "2026-01-15";
      case "date-time" -> "2026-01-15T09:00:00Z";
      case "email" -> "fuzz@example.test";
      default -> "fuzz-" + Integer.toHexString(System.identityHashCode(s) & 0xfff);
    };
  }
}
