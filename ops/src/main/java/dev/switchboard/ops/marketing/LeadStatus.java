package dev.switchboard.ops.marketing;

import dev.switchboard.store.InvalidValueException;
import java.util.Locale;

/**
 * Where a lead stands. The funnel stages run NEW → VALID → TRIAL → OPPORTUNITY → WON; LOST and
 * INVALID end a lead early.
 */
public enum LeadStatus {
  NEW,
  VALID,
  TRIAL,
  OPPORTUNITY,
  WON,
  LOST,
  INVALID;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the stages of the funnel after NEW (each implies the ones before it). */
  public boolean isFunnelStage() {
    return this == VALID || this == TRIAL || this == OPPORTUNITY || this == WON;
  }

  public static LeadStatus parse(String s) {
    return parse("status", s);
  }

  public static LeadStatus parse(String field, String s) {
    if (s != null) {
      for (LeadStatus v : values()) {
        if (v.wireName().equalsIgnoreCase(s.trim())) {
          return v;
        }
      }
    }
    throw new InvalidValueException(
        field, field + " must be one of new, valid, trial, opportunity, won, lost, invalid");
  }
}
