package dev.switchboard.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.InvalidValueException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON object from a request, read strictly: unknown or mistyped fields are a 400 naming them.
 */
public final class JsonBody {

  private final JsonNode node;
  private final String prefix;

  private JsonBody(JsonNode node, String prefix) {
    this.node = node;
    this.prefix = prefix;
  }

  /** Parses {@code body}; an empty body is a 400. */
  public static JsonBody parse(ObjectMapper mapper, byte[] body, Set<String> allowed) {
    return read(mapper, body, allowed, false);
  }

  /**
   * Parses {@code body}; an empty body reads as {@code {}} (for requests whose fields all have
   * defaults).
   */
  public static JsonBody parseOrEmpty(ObjectMapper mapper, byte[] body, Set<String> allowed) {
    return read(mapper, body, allowed, true);
  }

  private static JsonBody read(
      ObjectMapper mapper, byte[] body, Set<String> allowed, boolean emptyIsObject) {
    JsonNode node;
    try {
      if (body.length == 0) {
        node = emptyIsObject ? mapper.createObjectNode() : null;
      } else {
        node = mapper.readTree(body);
      }
    } catch (JsonProcessingException e) {
      throw new InvalidValueException(null, "malformed JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new InvalidValueException(null, "unreadable request body");
    } catch (NumberFormatException e) {
      // Jackson refuses a decimal with an absurd exponent with this, not as a parse error.
      throw new InvalidValueException(null, "a number in the request body is out of range");
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

  /** Whether {@code field} is present, even as JSON null. */
  public boolean has(String field) {
    return node.has(field);
  }

  /** Whether {@code field} is present with a value other than JSON null. */
  public boolean hasValue(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  /** The string value of {@code field}; null when absent or JSON null. */
  public String text(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidValueException(prefix + field, prefix + field + " must be a string");
    }
    return v.textValue();
  }

  public String requiredText(String field) {
    String v = text(field);
    if (v == null) {
      throw new InvalidValueException(prefix + field, prefix + field + " is required");
    }
    return v;
  }

  /** {@code field} as text that must be present and not blank. */
  public String requiredNonBlank(String field) {
    String v = text(field);
    if (v == null || v.isBlank()) {
      throw new InvalidValueException(prefix + field, prefix + field + " is required");
    }
    return v;
  }

  /** {@code field} as a boolean; null when absent or JSON null. */
  public Boolean bool(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw new InvalidValueException(prefix + field, prefix + field + " must be true or false");
    }
    return v.booleanValue();
  }

  /** {@code field} as a boolean, {@code fallback} when absent; JSON null is a 400. */
  public boolean bool(String field, boolean fallback) {
    JsonNode v = node.get(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw new InvalidValueException(prefix + field, prefix + field + " must be true or false");
    }
    return v.booleanValue();
  }

  /** {@code field} as an int; null when absent or JSON null. */
  public Integer integer(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new InvalidValueException(prefix + field, prefix + field + " must be an integer");
    }
    return v.intValue();
  }

  /** {@code field} as an int that must be present. */
  public int requiredInt(String field) {
    Integer v = integer(field);
    if (v == null) {
      throw new InvalidValueException(prefix + field, prefix + field + " is required");
    }
    return v;
  }

  /** {@code field} as a long; null when absent or JSON null. */
  public Long longValue(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new InvalidValueException(prefix + field, prefix + field + " must be an integer");
    }
    return v.longValue();
  }

  /** {@code field} as an int, {@code fallback} when absent; JSON null is a 400. */
  public int integer(String field, int fallback) {
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
  public JsonBody object(String field, Set<String> allowed) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw new InvalidValueException(prefix + field, prefix + field + " must be an object");
    }
    return new JsonBody(v, prefix + field + ".").checkFields(allowed);
  }

  /** The array of objects {@code field}; null when absent or JSON null. */
  public java.util.List<JsonBody> objects(String field, Set<String> allowed) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw new InvalidValueException(prefix + field, prefix + field + " must be an array");
    }
    java.util.List<JsonBody> items = new java.util.ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      String at = prefix + field + "[" + i + "]";
      if (!item.isObject()) {
        throw new InvalidValueException(at, at + " must be an object");
      }
      items.add(new JsonBody(item, at + ".").checkFields(allowed));
    }
    return items;
  }

  /**
   * An amount given as a JSON number or a decimal string ("8000.00"), exact when the mapper reads
   * floats as decimals; null when absent or JSON null.
   */
  public BigDecimal decimal(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      try {
        return v.decimalValue();
      } catch (NumberFormatException e) {
        // A double that overflowed (1e400 read as Infinity) has no decimal value.
        throw notDecimal(field);
      }
    }
    if (v.isTextual()) {
      try {
        return new BigDecimal(v.textValue().trim());
      } catch (NumberFormatException e) {
        throw notDecimal(field);
      }
    }
    throw notDecimal(field);
  }

  private InvalidValueException notDecimal(String field) {
    return new InvalidValueException(
        prefix + field, prefix + field + " must be a decimal amount like 1000.00");
  }

  public BigDecimal requiredDecimal(String field) {
    BigDecimal v = decimal(field);
    if (v == null) {
      throw new InvalidValueException(prefix + field, prefix + field + " is required");
    }
    return v;
  }

  /** {@code field} as an ISO date (2026-03-01); null when absent, JSON null or blank. */
  public LocalDate date(String field) {
    String text = text(field);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeException e) {
      throw new InvalidValueException(
          prefix + field, prefix + field + " must be a date like 2026-03-01");
    }
  }

  public LocalDate requiredDate(String field) {
    LocalDate v = date(field);
    if (v == null) {
      throw new InvalidValueException(prefix + field, prefix + field + " is required");
    }
    return v;
  }

  /** {@code field} as a list of ints; null when absent or JSON null. */
  public List<Integer> integers(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw new InvalidValueException(
          prefix + field, prefix + field + " must be an array of integers");
    }
    List<Integer> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isIntegralNumber() || !e.canConvertToInt()) {
        throw new InvalidValueException(
            prefix + field, prefix + field + " must be an array of integers");
      }
      out.add(e.intValue());
    }
    return out;
  }

  /** The array of strings {@code field}; null when absent or JSON null. */
  public List<String> texts(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw new InvalidValueException(prefix + field, prefix + field + " must be an array");
    }
    List<String> items = new java.util.ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        String at = prefix + field + "[" + i + "]";
        throw new InvalidValueException(at, at + " must be a string");
      }
      items.add(v.get(i).asText());
    }
    return items;
  }

  /**
   * The nested object {@code field} as a tree, for maps keyed by free-form names; null when absent
   * or JSON null.
   */
  public JsonNode objectTree(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw new InvalidValueException(prefix + field, prefix + field + " must be an object");
    }
    return v;
  }
}
