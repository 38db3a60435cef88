package dev.switchboard.ops.churn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;

/** The JSON kept in the churn tables: evaluations and reason lists (dates as ISO strings). */
final class ChurnJson {

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private ChurnJson() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write churn JSON", e);
    }
  }

  static ChurnEvaluation evaluation(String json) {
    try {
      return MAPPER.readValue(json, ChurnEvaluation.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored churn evaluation is unreadable", e);
    }
  }

  static List<Reason> reasons(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<List<Reason>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored churn reasons are unreadable", e);
    }
  }
}
