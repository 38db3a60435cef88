package dev.switchboard.console.http;

import dev.switchboard.store.InvalidValueException;
import java.time.DateTimeException;
import java.time.LocalDate;

/** The API's one way to read a calendar date: ISO 8601, like 2026-03-01. */
public final class Dates {

  private Dates() {}

  /** {@code text} as a date, or a 400 naming {@code field}. */
  public static LocalDate parse(String field, String text) {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeException e) {
      throw new InvalidValueException(field, field + " must be a date like 2026-03-01");
    }
  }
}
