package dev.switchboard.store.account;

import dev.switchboard.store.InvalidValueException;
import java.util.regex.Pattern;

/**
 * Per-extension call handling options.
 *
 * @param forwardUnconditional SIP URI every call goes to instead, or null
 * @param forwardBusy SIP URI for calls while busy, or null
 * @param forwardNoAnswer SIP URI for unanswered calls, or null
 * @param noAnswerSeconds how long to ring before no-answer handling (5–300)
 */
public record AccountOptions(
    boolean voicemail,
    String forwardUnconditional,
    String forwardBusy,
    String forwardNoAnswer,
    int noAnswerSeconds) {

  public static final AccountOptions DEFAULTS = new AccountOptions(false, null, null, null, 20);

  private static final Pattern SIP_URI =
      Pattern.compile("sips?:[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);

  public AccountOptions {
    forwardUnconditional = uri("options.forwardUnconditional", forwardUnconditional);
    forwardBusy = uri("options.forwardBusy", forwardBusy);
    forwardNoAnswer = uri("options.forwardNoAnswer", forwardNoAnswer);
    if (noAnswerSeconds < 5 || noAnswerSeconds > 300) {
      throw new InvalidValueException(
          "options.noAnswerSeconds", "noAnswerSeconds must be between 5 and 300");
    }
  }

  private static String uri(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    if (v.length() > 512 || !SIP_URI.matcher(v).matches()) {
      throw new InvalidValueException(field, field + " must be a sip: or sips: URI");
    }
    return v;
  }
}
