package dev.switchboard.store.pbx;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.account.AccountOptions;
import dev.switchboard.store.account.UserPart;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A ring or hunt group: a number of the tenant that rings its member extensions by {@code
 * strategy}, each for at most {@code memberRingSeconds} and all together for at most {@code
 * totalRingSeconds}, then sends the call to {@code finalDestination} (null: the caller hears busy).
 * With its {@code queue} enabled the server answers callers and keeps them waiting with hold music.
 */
public record RingGroup(
    String number,
    String name,
    RingStrategy strategy,
    List<String> members,
    int memberRingSeconds,
    int totalRingSeconds,
    String finalDestination,
    GroupQueue queue) {

  public static final int MAX_MEMBERS = 100;
  private static final Pattern NUMBER = Pattern.compile("[0-9]{2,16}");

  public RingGroup {
    if (number == null || !NUMBER.matcher(number).matches()) {
      throw new InvalidValueException("number", "number must be 2 to 16 digits");
    }
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new InvalidValueException("name", "name must be 1 to 200 characters");
    }
    name = name.trim();
    if (strategy == null) {
      throw new InvalidValueException("strategy", "strategy is required");
    }
    members = List.copyOf(members == null ? List.of() : members);
    if (members.isEmpty() || members.size() > MAX_MEMBERS) {
      throw new InvalidValueException(
          "members", "a group has 1 to " + MAX_MEMBERS + " member extensions");
    }
    if (new LinkedHashSet<>(members).size() != members.size()) {
      throw new InvalidValueException("members", "a member is listed twice");
    }
    for (String m : members) {
      UserPart.validate(m);
    }
    if (memberRingSeconds < 5 || memberRingSeconds > 300) {
      throw new InvalidValueException(
          "memberRingSeconds", "memberRingSeconds must be between 5 and 300");
    }
    if (totalRingSeconds < 5 || totalRingSeconds > 900) {
      throw new InvalidValueException(
          "totalRingSeconds", "totalRingSeconds must be between 5 and 900");
    }
    finalDestination = AccountOptions.destination("finalDestination", finalDestination);
    queue = queue == null ? GroupQueue.OFF : queue;
  }

  /** A group without a queue. */
  public RingGroup(
      String number,
      String name,
      RingStrategy strategy,
      List<String> members,
      int memberRingSeconds,
      int totalRingSeconds,
      String finalDestination) {
    this(
        number,
        name,
        strategy,
        members,
        memberRingSeconds,
        totalRingSeconds,
        finalDestination,
        GroupQueue.OFF);
  }
}
