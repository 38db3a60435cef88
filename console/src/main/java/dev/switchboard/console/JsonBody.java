package dev.switchboard.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.InvalidValueException;
import java.util.Iterator;
import java.util.Set;

/**
 * A JSON object from a request, read strictly: unknown or mistyped fields are a 400 naming them.
 */
final class JsonBody {

  private final JsonNode node;
  private final String prefix;

  private JsonBody(JsonNode node, String prefix) {
    this.node = node;
    this.prefix = prefix;
  }

  static JsonBody parse(ObjectMapper mapper, byte[] body, Set<String> allowed) {
    JsonNode node;
    try {
      node = body.length == 0 ? null : mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidValueException(null, "malformed JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new InvalidValueException(null, "unreadable request body");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidValueException(null, "the request body must be a JSON object");
    }
    return new JsonBody(node, "").checkFields(allowed);
  }

  private JsonBody checkFields(Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw new InvalidValueException(prefix + name, "unknown field " + prefix + name);
      }
    }
    return this;
  }

  boolean has(String field) {
    return node.has(field);
  }

  /** The string value of {@code field}; null when absent or JSON null. */
  String text(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidValueException(prefix + field, prefix + field + " must be a string");
    }
    return v.textValue();
  }

  String requiredText(String field) {
    String v = text(field);
    if (v == null) {
      throw new InvalidValueException(prefix + field, prefix + field + " is required");
    }
    return v;
  }

  boolean bool(String field, boolean fallback) {
    JsonNode v = node.get(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw new InvalidValueException(prefix + field, prefix + field + " must be true or false");
    }
    return v.booleanValue();
  }

  int integer(String field, int fallback) {
    JsonNode v = node.get(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new InvalidValueException(prefix + field, prefix + field + " must be an integer");
    }
    return v.intValue();
  }

  /** The nested object {@code field}, or null when absent. */
  JsonBody object(String field, Set<String> allowed) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw new InvalidValueException(prefix + field, prefix + field + " must be an object");
    }
    return new JsonBody(v, prefix + field + ".").checkFields(allowed);
  }
}
