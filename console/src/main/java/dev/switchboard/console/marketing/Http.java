package dev.switchboard.console.marketing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.switchboard.console.web.Caller;
import dev.switchboard.ops.marketing.ChannelAdvice;
import dev.switchboard.ops.marketing.ChannelKind;
import dev.switchboard.ops.marketing.LeadStatus;
import dev.switchboard.store.InvalidValueException;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reading requests and writing answers for the marketing routes: strict JSON bodies bound to
 * records (unknown or mistyped fields are a 400 naming them), strict query strings, JSON with the
 * department's enums in their lower-case wire names, and CSV for every list.
 */
final class Http {

  private final ObjectMapper mapper;

  Http(ObjectMapper base) {
    SimpleModule wire = new SimpleModule("marketing-wire-names");
    wire.addSerializer(LeadStatus.class, serializer(LeadStatus::wireName));
    wire.addSerializer(ChannelKind.class, serializer(ChannelKind::wireName));
    wire.addSerializer(ChannelAdvice.class, serializer(ChannelAdvice::wireName));
    this.mapper = base.copy().registerModule(wire);
  }

  private static <T> JsonSerializer<T> serializer(Function<T, String> name) {
    return new JsonSerializer<T>() {
      @Override
      public void serialize(T v, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeString(name.apply(v));
      }
    };
  }

  /** The body as a {@code type}, or a 400 that names the field at fault. */
  <T> T body(Context ctx, Class<T> type) {
    return read(ctx.bodyAsBytes(), type);
  }

  /** Request body bytes as a {@code type}, or {@link InvalidValueException} naming the field. */
  <T> T read(byte[] body, Class<T> type) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (!text.startsWith("{")) {
      throw new InvalidValueException(null, "the request body must be a JSON object");
    }
    try {
      return mapper.readValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidValueException(e.getPropertyName(), "unknown field " + e.getPropertyName());
    } catch (InvalidNullException e) {
      String field = path(e);
      throw new InvalidValueException(field, field + " must not be null");
    } catch (MismatchedInputException e) {
      String field = path(e);
      throw new InvalidValueException(field, field + " has the wrong type");
    } catch (JsonMappingException e) {
      String field = path(e);
      Throwable cause = e.getCause();
      if (cause instanceof InvalidValueException iv) {
        throw iv;
      }
      throw new InvalidValueException(field, field + " is not valid");
    } catch (JsonProcessingException e) {
      throw new InvalidValueException(null, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      // Bytes Jackson takes for UTF-16/32 by their NULs and cannot decode
      // (CharConversionException).
      throw new InvalidValueException(null, "unreadable request body");
    } catch (NumberFormatException e) {
      // Jackson refuses a decimal with an absurd exponent with this, not as a parse error.
      throw new InvalidValueException(null, "a number in the request body is out of range");
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  void json(Context ctx, int status, Object value) {
    try {
      ctx.status(status).contentType("application/json").result(mapper.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  void json(Context ctx, Object value) {
    json(ctx, 200, value);
  }

  /** Who is acting, for the history: the signed-in user's e-mail or "operator". */
  static String actor(Context ctx) {
    return Caller.of(ctx) instanceof Caller.Staff s ? s.user().email() : "operator";
  }

  static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
