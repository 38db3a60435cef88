package dev.switchboard.console.sales;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.InvalidValueException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Set;

/** A JSON object from a sales request, read strictly: unknown or mistyped fields are a 400. */
final class SalesBody {

  private final JsonNode node;

  private SalesBody(JsonNode node) {
    this.node = node;
  }

  static SalesBody parse(ObjectMapper mapper, byte[] body, Set<String> allowed) {
    JsonNode node;
    try {
      node = body.length == 0 ? null : mapper.readTree(body);
    } catch (IOException e) {
      throw new InvalidValueException(null, "malformed JSON");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidValueException(null, "the request body must be a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw new InvalidValueException(name, "unknown field " + name);
      }
    }
    return new SalesBody(node);
  }

  String text(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidValueException(field, field + " must be a string");
    }
    return v.textValue();
  }

  String requiredText(String field) {
    String v = text(field);
    if (v == null || v.isBlank()) {
      throw new InvalidValueException(field, field + " is required");
    }
    return v;
  }

  Integer integer(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new InvalidValueException(field, field + " must be an integer");
    }
    return v.intValue();
  }

  Long longValue(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new InvalidValueException(field, field + " must be an integer");
    }
    return v.longValue();
  }

  Boolean bool(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw new InvalidValueException(field, field + " must be true or false");
    }
    return v.booleanValue();
  }

  LocalDate date(String field) {
    return SalesQuery.parseDate(field, text(field));
  }
}
