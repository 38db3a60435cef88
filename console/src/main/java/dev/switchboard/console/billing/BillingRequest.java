package dev.switchboard.console.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.InvalidValueException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Set;

/** A billing request's JSON object, read strictly: unknown or mistyped fields are a 400. */
final class BillingRequest {

  private final JsonNode node;

  private BillingRequest(JsonNode node) {
    this.node = node;
  }

  /**
   * Parses {@code body}; amounts keep their exact decimals (the mapper reads floats as decimals).
   */
  static BillingRequest parse(ObjectMapper decimals, byte[] body, Set<String> allowed) {
    JsonNode node;
    try {
      node = body.length == 0 ? decimals.createObjectNode() : decimals.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidValueException(null, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidValueException(null, "unreadable request body");
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
    return new BillingRequest(node);
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

  boolean bool(String field, boolean fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw new InvalidValueException(field, field + " must be true or false");
    }
    return v.booleanValue();
  }

  int requiredInt(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidValueException(field, field + " is required");
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new InvalidValueException(field, field + " must be an integer");
    }
    return v.intValue();
  }

  /** An amount given as a JSON number or a decimal string ("8000.00"); null when absent. */
  BigDecimal amount(String field) {
    JsonNode v = node.get(field);
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
        throw new InvalidValueException(field, field + " must be a decimal amount like 1000.00");
      }
    }
    throw new InvalidValueException(field, field + " must be a decimal amount like 1000.00");
  }

  BigDecimal requiredAmount(String field) {
    BigDecimal v = amount(field);
    if (v == null) {
      throw new InvalidValueException(field, field + " is required");
    }
    return v;
  }

  LocalDate date(String field) {
    return date(field, text(field));
  }

  LocalDate requiredDate(String field) {
    return date(field, requiredText(field));
  }

  static LocalDate date(String field, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeException e) {
      throw new InvalidValueException(field, field + " must be a date like 2026-03-01");
    }
  }
}
