package dev.switchboard.ops.sales;

import dev.switchboard.store.InvalidValueException;
import java.util.Locale;

/** A sales rep in a team; the email is the rep's key. */
public record Rep(String email, String name, String team, boolean active) {

  public Rep {
    if (email == null || !email.trim().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw new InvalidValueException("email", "email must be an email address");
    }
    email = email.trim().toLowerCase(Locale.ROOT);
    name = text("name", name, 100);
    team = text("team", team, 64);
  }

  private static String text(String field, String v, int max) {
    if (v == null || v.isBlank()) {
      throw new InvalidValueException(field, field + " is required");
    }
    v = v.trim();
    if (v.length() > max) {
      throw new InvalidValueException(field, field + " must be at most " + max + " characters");
    }
    return v;
  }
}
