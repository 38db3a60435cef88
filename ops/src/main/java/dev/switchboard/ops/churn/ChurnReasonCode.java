package dev.switchboard.ops.churn;

import dev.switchboard.store.InvalidValueException;
import java.util.Arrays;
import java.util.Locale;

/** Why a customer left: the closed set the success team picks from (the note says the rest). */
public enum ChurnReasonCode {
  LOW_USAGE,
  PRICE,
  MOVED_TO_COMPETITOR,
  BUSINESS_CLOSED,
  KEY_CONTACT_LEFT,
  MISSING_FEATURE,
  SERVICE_QUALITY,
  OTHER;

  /** The code as stored and sent: lower snake case. */
  @com.fasterxml.jackson.annotation.JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The code named {@code code}, or a 400 on field {@code field}. */
  public static ChurnReasonCode parse(String field, String code) {
    if (code == null) {
      throw new InvalidValueException(field, field + " is required");
    }
    for (ChurnReasonCode c : values()) {
      if (c.code().equals(code)) {
        return c;
      }
    }
    throw new InvalidValueException(
        field,
        field
            + " must be one of "
            + String.join(", ", Arrays.stream(values()).map(ChurnReasonCode::code).toList()));
  }
}
