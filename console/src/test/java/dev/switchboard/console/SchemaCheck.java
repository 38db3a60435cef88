package dev.switchboard.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a JSON value against a schema of the OpenAPI document, strictly both ways: a value of the
 * wrong type, a missing required field and a field the schema does not name are all findings. It
 * knows the parts of JSON Schema the document uses: $ref, type (also as [t, "null"]), nullable,
 * enum, required, properties, additionalProperties, items, oneOf/anyOf/allOf, date formats.
 */
final class SchemaCheck {

  private final OpenApiSamples doc;

  SchemaCheck(OpenApiSamples doc) {
    this.doc = doc;
  }

  /** What is wrong with {@code value}; empty when it fits. */
  List<String> check(JsonNode schema, JsonNode value) {
    List<String> out = new ArrayList<>();
    check(schema, value, "$", out);
    return out;
  }

  private void check(JsonNode schemaOrRef, JsonNode v, String at, List<String> out) {
    JsonNode s = doc.resolve(schemaOrRef);
    if (s == null || s.isMissingNode() || s.isEmpty()) {
      return;
    }
    for (String alt : List.of("oneOf", "anyOf")) {
      if (s.has(alt)) {
        for (JsonNode option : s.get(alt)) {
          List<String> tried = new ArrayList<>();
          check(option, v, at, tried);
          if (tried.isEmpty()) {
            return;
          }
        }
        out.add(at + ": matches none of " + alt);
        return;
      }
    }
    if (s.has("allOf")) {
      for (JsonNode part : s.get("allOf")) {
        check(part, v, at, out);
      }
      return;
    }
    if (v.isNull()) {
      if (!nullable(s)) {
        out.add(at + ": null where the schema wants " + OpenApiSamples.type(s));
      }
      return;
    }
    if (s.has("enum")) {
      boolean found = false;
      for (JsonNode e : s.get("enum")) {
        found |= e.equals(v) || (e.isTextual() && v.isTextual() && e.asText().equals(v.asText()));
      }
      if (!found) {
        out.add(at + ": " + v + " is not one of " + s.get("enum"));
      }
    }
    String type = OpenApiSamples.type(s);
    if (type == null) {
      return;
    }
    boolean fits =
        switch (type) {
          case "string" -> v.isTextual();
          case "integer" -> v.isIntegralNumber();
          case "number" -> v.isNumber();
          case "boolean" -> v.isBoolean();
          case "array" -> v.isArray();
          case "object" -> v.isObject();
          default -> true;
        };
    if (!fits) {
      out.add(at + ": " + kind(v) + " where the schema wants " + type);
      return;
    }
    switch (type) {
      case "string" -> format(s, v.asText(), at, out);
      case "array" -> {
        int i = 0;
        for (JsonNode e : v) {
          check(s.path("items"), e, at + "[" + i++ + "]", out);
        }
      }
      case "object" -> object(s, v, at, out);
      default -> {}
    }
  }

  private void object(JsonNode s, JsonNode v, String at, List<String> out) {
    JsonNode props = s.path("properties");
    for (JsonNode r : s.path("required")) {
      if (!v.has(r.asText())) {
        out.add(at + "." + r.asText() + ": required but missing");
      }
    }
    Set<String> named = new HashSet<>();
    props.fieldNames().forEachRemaining(named::add);
    JsonNode extra = s.get("additionalProperties");
    for (Map.Entry<String, JsonNode> f : v.properties()) {
      if (named.contains(f.getKey())) {
        check(props.get(f.getKey()), f.getValue(), at + "." + f.getKey(), out);
      } else if (extra != null && extra.isObject()) {
        check(extra, f.getValue(), at + "." + f.getKey(), out);
      } else if (extra == null || !extra.asBoolean(true) || !named.isEmpty()) {
        if (extra == null || !extra.isBoolean() || !extra.asBoolean()) {
          out.add(at + "." + f.getKey() + ": not in the schema");
        }
      }
    }
  }

  private static void format(JsonNode s, String text, String at, List<String> out) {
    try {
      switch (s.path("format").asText()) {
        case "date" -> LocalDate.parse(text);
        case "date-time" -> OffsetDateTime.parse(text);
        default -> {}
      }
    } catch (RuntimeException e) {
      out.add(at + ": \"" + text + "\" is not a " + s.path("format").asText());
    }
  }

  private static boolean nullable(JsonNode s) {
    if (s.path("nullable").asBoolean(false)) {
      return true;
    }
    JsonNode t = s.get("type");
    if (t != null && t.isArray()) {
      for (JsonNode e : t) {
        if (e.asText().equals("null")) {
          return true;
        }
      }
    }
    return t == null;
  }

  private static String kind(JsonNode v) {
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
