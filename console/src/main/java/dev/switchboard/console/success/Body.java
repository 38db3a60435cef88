package dev.switchboard.console.success;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.InvalidValueException;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** A JSON object request body read strictly: unknown or mistyped fields are a 400 naming them. */
final class Body {

  private final JsonNode node;

  private Body(JsonNode node) {
    this.node = node;
  }

  static Body of(ObjectMapper mapper, Context ctx, Set<String> allowed) {
    JsonNode n;
    try {
      byte[] bytes = ctx.bodyAsBytes();
      n = bytes.length == 0 ? mapper.createObjectNode() : mapper.readTree(bytes);
    } catch (java.io.IOException e) {
      throw new InvalidValueException(null, "malformed JSON");
    }
    if (n == null || !n.isObject()) {
      throw new InvalidValueException(null, "the request body must be a JSON object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new InvalidValueException(f, "unknown field " + f);
      }
    }
    return new Body(n);
  }

  boolean has(String f) {
    return node.has(f) && !node.get(f).isNull();
  }

  String text(String f) {
    JsonNode v = node.get(f);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidValueException(f, f + " must be a string");
    }
    return v.textValue();
  }

  String required(String f) {
    String v = text(f);
    if (v == null) {
      throw new InvalidValueException(f, f + " is required");
    }
    return v;
  }

  Integer integer(String f) {
    JsonNode v = node.get(f);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new InvalidValueException(f, f + " must be an integer");
    }
    return v.intValue();
  }

  int integer(String f, int fallback) {
    Integer v = integer(f);
    return v == null ? fallback : v;
  }

  Boolean bool(String f) {
    JsonNode v = node.get(f);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw new InvalidValueException(f, f + " must be true or false");
    }
    return v.booleanValue();
  }

  boolean bool(String f, boolean fallback) {
    Boolean v = bool(f);
    return v == null ? fallback : v;
  }

  BigDecimal decimal(String f) {
    JsonNode v = node.get(f);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    if (v.isTextual()) {
      try {
        return new BigDecimal(v.textValue().trim());
      } catch (NumberFormatException e) {
        throw new InvalidValueException(f, f + " must be a decimal number");
      }
    }
    throw new InvalidValueException(f, f + " must be a decimal number");
  }

  Double number(String f) {
    JsonNode v = node.get(f);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw new InvalidValueException(f, f + " must be a number");
    }
    return v.doubleValue();
  }

  /** A nested object's field names and node, for maps of numbers. */
  JsonNode object(String f) {
    JsonNode v = node.get(f);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw new InvalidValueException(f, f + " must be an object");
    }
    return v;
  }

  List<Integer> integers(String f) {
    JsonNode v = node.get(f);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw new InvalidValueException(f, f + " must be an array of integers");
    }
    List<Integer> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isIntegralNumber() || !e.canConvertToInt()) {
        throw new InvalidValueException(f, f + " must be an array of integers");
      }
      out.add(e.intValue());
    }
    return out;
  }
}
