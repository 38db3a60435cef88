package dev.switchboard.ops.success;

import dev.switchboard.store.InvalidValueException;
import java.util.Locale;

/** The seed's kinds of service case. */
public enum CaseKind {
  ONBOARDING_TRAINING,
  CALLBACK_VISIT,
  AFTER_SALES_QUESTION,
  COMPLAINT,
  ON_SITE_VISIT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CaseKind parse(String text) {
    for (CaseKind k : values()) {
      if (k.wireName().equals(text)) {
        return k;
      }
    }
    throw new InvalidValueException(
        "kind",
        "kind must be one of onboarding_training, callback_visit, after_sales_question, complaint,"
            + " on_site_visit");
  }
}
