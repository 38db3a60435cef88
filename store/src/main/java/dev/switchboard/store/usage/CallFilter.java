package dev.switchboard.store.usage;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.account.UserPart;
import java.time.Instant;

/**
 * What a call log listing keeps: setup time in {@code [from, to)}, an extension on either side, a
 * final status; null fields do not filter.
 */
public record CallFilter(Instant from, Instant to, String extension, Integer status) {

  public static final CallFilter ALL = new CallFilter(null, null, null, null);

  public CallFilter {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new InvalidValueException("to", "to must be after from");
    }
    if (extension != null) {
      try {
        UserPart.validate(extension);
      } catch (InvalidValueException e) {
        throw new InvalidValueException("extension", "extension must be a valid user part");
      }
    }
    if (status != null && (status < 100 || status > 699)) {
      throw new InvalidValueException("status", "status must be a SIP status code 100-699");
    }
  }
}
