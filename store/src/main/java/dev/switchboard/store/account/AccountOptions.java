package dev.switchboard.store.account;

import dev.switchboard.store.InvalidValueException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Per-extension call handling options. A forwarding destination is another extension or a group
 * number, an outside number ({@code +8613800000000}, {@code 013800000000}), a {@code sip:} URI
 * (local or another domain), or {@code voicemail}.
 *
 * @param forwardUnconditional where every call goes instead, or null
 * @param forwardBusy where calls go while busy (or in do-not-disturb), or null
 * @param forwardNoAnswer where unanswered calls go after {@code noAnswerSeconds}, or null
 * @param noAnswerSeconds how long to ring before no-answer handling (5–300)
 * @param forwardUnregistered where calls go while no phone of the extension is registered, or null
 * @param doNotDisturb calls are handled as busy
 * @param followMe destinations rung one after the other once the extension has rung {@code
 *     noAnswerSeconds} (find-me/follow-me), before no-answer forwarding
 */
public record AccountOptions(
    boolean voicemail,
    String forwardUnconditional,
    String forwardBusy,
    String forwardNoAnswer,
    int noAnswerSeconds,
    String forwardUnregistered,
    boolean doNotDisturb,
    List<FollowMeStep> followMe) {

  public static final AccountOptions DEFAULTS = new AccountOptions(false, null, null, null, 20);

  /** The longest follow-me list: each step rings for up to 300 s. */
  public static final int MAX_FOLLOW_ME = 5;

  private static final Pattern SIP_URI =
      Pattern.compile("sips?:[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBER = Pattern.compile("\\+?[0-9*#]{1,32}");

  /** One step of find-me/follow-me: a destination rung for {@code ringSeconds} (5–300). */
  public record FollowMeStep(String destination, int ringSeconds) {
    public FollowMeStep {
      destination = AccountOptions.destination("options.followMe.destination", destination);
      if (destination == null) {
        throw new InvalidValueException(
            "options.followMe.destination", "a follow-me step needs a destination");
      }
      AccountOptions.seconds("options.followMe.ringSeconds", ringSeconds);
    }
  }

  /** The options of V1: no unregistered forwarding, no DND, no follow-me. */
  public AccountOptions(
      boolean voicemail,
      String forwardUnconditional,
      String forwardBusy,
      String forwardNoAnswer,
      int noAnswerSeconds) {
    this(
        voicemail,
        forwardUnconditional,
        forwardBusy,
        forwardNoAnswer,
        noAnswerSeconds,
        null,
        false,
        List.of());
  }

  public AccountOptions {
    forwardUnconditional = destination("options.forwardUnconditional", forwardUnconditional);
    forwardBusy = destination("options.forwardBusy", forwardBusy);
    forwardNoAnswer = destination("options.forwardNoAnswer", forwardNoAnswer);
    forwardUnregistered = destination("options.forwardUnregistered", forwardUnregistered);
    seconds("options.noAnswerSeconds", noAnswerSeconds);
    followMe = followMe == null ? List.of() : List.copyOf(followMe);
    if (followMe.size() > MAX_FOLLOW_ME) {
      throw new InvalidValueException(
          "options.followMe", "followMe has at most " + MAX_FOLLOW_ME + " steps");
    }
  }

  public AccountOptions withDoNotDisturb(boolean on) {
    return new AccountOptions(
        voicemail,
        forwardUnconditional,
        forwardBusy,
        forwardNoAnswer,
        noAnswerSeconds,
        forwardUnregistered,
        on,
        followMe);
  }

  public AccountOptions withForwardUnconditional(String destination) {
    return new AccountOptions(
        voicemail,
        destination,
        forwardBusy,
        forwardNoAnswer,
        noAnswerSeconds,
        forwardUnregistered,
        doNotDisturb,
        followMe);
  }

  public AccountOptions withForwardBusy(String destination) {
    return new AccountOptions(
        voicemail,
        forwardUnconditional,
        destination,
        forwardNoAnswer,
        noAnswerSeconds,
        forwardUnregistered,
        doNotDisturb,
        followMe);
  }

  public AccountOptions withForwardNoAnswer(String destination) {
    return new AccountOptions(
        voicemail,
        forwardUnconditional,
        forwardBusy,
        destination,
        noAnswerSeconds,
        forwardUnregistered,
        doNotDisturb,
        followMe);
  }

  /**
   * A forwarding destination as stored: null for none, else a {@code sip:}/{@code sips:} URI, an
   * extension, group or outside number, or {@code voicemail}.
   */
  public static String destination(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    if (v.equalsIgnoreCase("voicemail")) {
      return "voicemail";
    }
    if (v.length() > 512 || !(SIP_URI.matcher(v).matches() || NUMBER.matcher(v).matches())) {
      throw new InvalidValueException(
          field, field + " must be an extension or number, a sip: or sips: URI, or \"voicemail\"");
    }
    return v;
  }

  private static void seconds(String field, int seconds) {
    if (seconds < 5 || seconds > 300) {
      throw new InvalidValueException(field, field + " must be between 5 and 300 seconds");
    }
  }

  /** The follow-me list as the account row stores it: one "SECONDS DESTINATION" per line. */
  public String followMeText() {
    if (followMe.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (FollowMeStep s : followMe) {
      sb.append(s.ringSeconds()).append(' ').append(s.destination()).append('\n');
    }
    return sb.toString();
  }

  /** Reads {@link #followMeText()} back. */
  public static List<FollowMeStep> parseFollowMe(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<FollowMeStep> steps = new java.util.ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.trim();
      int sp = l.indexOf(' ');
      if (sp > 0) {
        steps.add(
            new FollowMeStep(l.substring(sp + 1).trim(), Integer.parseInt(l.substring(0, sp))));
      }
    }
    return steps;
  }
}
