package dev.switchboard.store.tenant;

import dev.switchboard.store.InvalidValueException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validates and normalises a tenant's SIP domain: a DNS host name, lower case, no trailing dot. */
public final class SipDomain {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private SipDomain() {}

  /** The canonical form of {@code text}, or an {@link InvalidValueException} on field "domain". */
  public static String normalise(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidValueException("domain", "domain is required");
    }
    String d = text.trim().toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.isEmpty() || d.length() > 253) {
      throw new InvalidValueException("domain", "domain must be 1 to 253 characters");
    }
    String[] labels = d.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        throw new InvalidValueException(
            "domain", "domain must be a host name (letters, digits, hyphens, dots)");
      }
    }
    // An all-numeric last label would be an IPv4 address, which is no tenant's domain.
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      throw new InvalidValueException("domain", "domain must be a host name, not an address");
    }
    return d;
  }
}
