package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ops.billing.Money;
import dev.switchboard.store.InvalidValueException;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a request body with {@link JsonBody}, the reader of every department's bodies, as the
 * routes might: with the API's mapper and billing's (floats as decimals), the body either parses or
 * is refused with {@link InvalidValueException} (the API's 400), and so is every read of every
 * field, typed any way, nested objects included; amounts read as decimals then go through billing's
 * {@link Money#amount} the same way. Nothing else may be thrown.
 */
public final class JsonBodyReads {
  private static final ObjectMapper API = ApiServer.objectMapper();
  private static final ObjectMapper DECIMALS =
      ApiServer.objectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Set<String> USUAL =
      Set.of("name", "amount", "seats", "on", "ids", "nested", "enabled", "note");

  private JsonBodyReads() {}

  public static void check(byte[] body) {
    Set<String> present = fieldNames(body);
    for (ObjectMapper mapper : new ObjectMapper[] {API, DECIMALS}) {
      readable(() -> JsonBody.parse(mapper, body, USUAL)).ifPresent(b -> everyField(b, USUAL, 0));
      readable(() -> JsonBody.parseOrEmpty(mapper, body, present))
          .ifPresent(b -> everyField(b, present, 0));
    }
  }

  /** Reads each field every way a route can; only a 400 may come of it. */
  private static void everyField(JsonBody b, Set<String> names, int depth) {
    for (String f : names) {
      b.has(f);
      b.hasValue(f);
      readable(() -> b.text(f));
      readable(() -> b.requiredText(f));
      readable(() -> b.requiredNonBlank(f));
      readable(() -> b.bool(f));
      readable(() -> b.bool(f, false));
      readable(() -> b.integer(f));
      readable(() -> b.integer(f, 7));
      readable(() -> b.requiredInt(f));
      readable(() -> b.longValue(f));
      readable(() -> b.date(f));
      readable(() -> b.requiredDate(f));
      readable(() -> b.integers(f));
      readable(() -> b.objectTree(f));
      readable(() -> b.requiredDecimal(f)).ifPresent(v -> readable(() -> Money.amount(f, v)));
      readable(() -> b.decimal(f)).ifPresent(v -> readable(() -> Money.positive(f, v)));
      if (depth < 3) {
        JsonNode tree = readable(() -> b.objectTree(f)).orElse(null);
        Set<String> inner = tree == null ? Set.of() : names(tree);
        readable(() -> b.object(f, inner)).ifPresent(o -> everyField(o, inner, depth + 1));
        readable(() -> b.object(f, USUAL));
      }
    }
  }

  private static <T> java.util.Optional<T> readable(Supplier<T> read) {
    try {
      return java.util.Optional.ofNullable(read.get());
    } catch (InvalidValueException e) {
      assertThat(e.getMessage()).isNotBlank();
      return java.util.Optional.empty();
    }
  }

  /** The top-level field names, read apart from JsonBody so it can be told to allow them all. */
  private static Set<String> fieldNames(byte[] body) {
    try {
      JsonNode n = API.readTree(body);
      return n == null ? Set.of() : names(n);
    } catch (IOException e) {
      return Set.of(); // JsonBody refuses these bodies too, unreadable as they are
    }
  }

  private static Set<String> names(JsonNode n) {
    Set<String> out = new HashSet<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
