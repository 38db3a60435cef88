package dev.switchboard.ops.sales;

import dev.switchboard.store.InvalidValueException;
import java.util.Locale;

/**
 * Where an opportunity is: four open stages in order, then won or lost; a won deal may be refunded.
 */
public enum Stage {
  QUALIFICATION,
  DEMO,
  PROPOSAL,
  NEGOTIATION,
  WON,
  LOST,
  REFUNDED;

  /** The open stages in the order a deal moves through them. */
  public static final java.util.List<Stage> OPEN =
      java.util.List.of(QUALIFICATION, DEMO, PROPOSAL, NEGOTIATION);

  public boolean isOpen() {
    return ordinal() <= NEGOTIATION.ordinal();
  }

  /** The name in JSON, CSV and the database. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Stage parse(String text) {
    if (text != null) {
      for (Stage s : values()) {
        if (s.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
    }
    throw new InvalidValueException(
        "stage",
        "stage must be one of qualification, demo, proposal, negotiation, won, lost, refunded");
  }
}
