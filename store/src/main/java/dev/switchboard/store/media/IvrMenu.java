package dev.switchboard.store.media;

import dev.switchboard.store.InvalidValueException;
import java.util.Map;
import java.util.TreeMap;

/**
 * An auto-attendant menu: reached at {@code number}, it plays its greeting and waits {@code
 * timeoutSeconds} for a key; a key it does not know, or silence, plays the greeting again, and
 * after {@code retries} such replays the caller goes to {@code fallback}. With {@code hours}, a
 * call outside them goes to {@code afterHours} instead of hearing the menu.
 */
public record IvrMenu(
    String number,
    String name,
    int timeoutSeconds,
    int retries,
    Map<Character, IvrDestination> keys,
    IvrDestination fallback,
    BusinessHours hours,
    IvrDestination afterHours) {

  /** A menu open at all hours. */
  public IvrMenu(
      String number,
      String name,
      int timeoutSeconds,
      int retries,
      Map<Character, IvrDestination> keys,
      IvrDestination fallback) {
    this(number, name, timeoutSeconds, retries, keys, fallback, null, null);
  }

  public IvrMenu {
    if (number == null || !NumberFiles.NUMBER.matcher(number).matches()) {
      throw new InvalidValueException("number", "a menu number is 2 to 16 digits: " + number);
    }
    name = name == null || name.isBlank() ? number : name.trim();
    if (name.length() > 100) {
      throw new InvalidValueException("name", "a menu name has at most 100 characters");
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 60) {
      throw new InvalidValueException("timeoutSeconds", "timeoutSeconds is 1 to 60");
    }
    if (retries < 0 || retries > 10) {
      throw new InvalidValueException("retries", "retries is 0 to 10");
    }
    for (char k : keys.keySet()) {
      if ("0123456789*#".indexOf(k) < 0) {
        throw new InvalidValueException("keys", "a menu key is 0-9, * or #, not '" + k + "'");
      }
    }
    keys = Map.copyOf(new TreeMap<>(keys));
    if (fallback == null) {
      fallback = new IvrDestination.Hangup();
    }
    if (hours != null && afterHours == null) {
      throw new InvalidValueException("afterHours", "a menu with hours needs afterHours");
    }
    if (hours == null && afterHours != null) {
      throw new InvalidValueException("hours", "afterHours needs hours");
    }
  }
}
