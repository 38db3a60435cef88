package dev.switchboard.store.media;

import dev.switchboard.store.InvalidValueException;
import java.util.regex.Pattern;

/**
 * A conference room: callers to {@code number} join it, after keying its PIN and {@code #} when it
 * has one ({@code pinHash}, never the PIN itself).
 */
public record ConferenceRoom(String number, String name, String pinHash) {
  private static final Pattern PIN = Pattern.compile("[0-9]{3,12}");

  public ConferenceRoom {
    if (number == null || !NumberFiles.NUMBER.matcher(number).matches()) {
      throw new InvalidValueException("number", "a room number is 2 to 16 digits: " + number);
    }
    name = name == null || name.isBlank() ? number : name.trim();
    if (name.length() > 100) {
      throw new InvalidValueException("name", "a room name has at most 100 characters");
    }
  }

  public boolean hasPin() {
    return pinHash != null;
  }

  /** Checks a PIN as keyed or sent over the API: 3 to 12 digits. */
  public static void checkPin(String pin) {
    if (pin != null && !PIN.matcher(pin).matches()) {
      throw new InvalidValueException("pin", "a room PIN is 3 to 12 digits");
    }
  }
}
