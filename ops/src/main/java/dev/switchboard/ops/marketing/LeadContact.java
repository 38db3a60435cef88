package dev.switchboard.ops.marketing;

import dev.switchboard.store.InvalidValueException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a lead's phone, e-mail and company are checked and written: phones to E.164 (China by
 * default), e-mails in lower case, company names folded into a key for duplicate detection.
 */
public final class LeadContact {

  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9._%+\\-']+@[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?)+");
  private static final Pattern CN_MOBILE = Pattern.compile("1[3-9][0-9]{9}");
  // An area code 0 + 2-3 digits and a 7-8 digit number: 010 1234 5678, 0755 1234567.
  private static final Pattern CN_LANDLINE = Pattern.compile("0[1-9][0-9]{8,10}");
  private static final String[] COMPANY_SUFFIXES = {
    "股份有限公司", "有限责任公司", "有限公司", "公司", "coltd", "limited", "ltd", "inc", "llc", "co"
  };

  private LeadContact() {}

  /**
   * {@code raw} as E.164: Chinese mobiles ({@code 138 1234 5678}, {@code +86-138…}, {@code
   * 0086138…}) and landlines ({@code 010-12345678}) become {@code +86…}; other numbers must already
   * carry a {@code +} country code. Blank is null; anything else is a 400 on "phone".
   */
  public static String phone(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String digits = raw.strip().replaceAll("[\\s\\-().]", "");
    boolean plus = digits.startsWith("+");
    if (plus) {
      digits = digits.substring(1);
    }
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalidPhone(raw);
    }
    if (!plus && digits.startsWith("00")) {
      digits = digits.substring(2);
      plus = true;
    }
    if (plus) {
      if (digits.startsWith("86")) {
        return china(digits.substring(2), raw, true);
      }
      if (digits.length() < 8 || digits.length() > 15 || digits.startsWith("0")) {
        throw invalidPhone(raw);
      }
      return "+" + digits;
    }
    if (digits.length() == 13 && digits.startsWith("86") && digits.charAt(2) == '1') {
      return china(digits.substring(2), raw, true);
    }
    return china(digits, raw, false);
  }

  private static String china(String national, String raw, boolean afterCountryCode) {
    if (CN_MOBILE.matcher(national).matches()) {
      return "+86" + national;
    }
    if (CN_LANDLINE.matcher(national).matches()) {
      return "+86" + national.substring(1);
    }
    // After +86 the trunk 0 is dropped: +86 10 12345678.
    if (afterCountryCode && CN_LANDLINE.matcher("0" + national).matches()) {
      return "+86" + national;
    }
    throw invalidPhone(raw);
  }

  private static InvalidValueException invalidPhone(String raw) {
    return new InvalidValueException(
        "phone",
        "phone " + raw.strip() + " is not a Chinese mobile or landline number nor +country code");
  }

  /** {@code raw} trimmed and in lower case; blank is null; a malformed address is a 400. */
  public static String email(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String s = raw.strip().toLowerCase(Locale.ROOT);
    if (s.length() > 254 || !EMAIL.matcher(s).matches()) {
      throw new InvalidValueException("email", "email " + raw.strip() + " is not an address");
    }
    return s;
  }

  /**
   * The company name folded so that "深圳市 新华 有限公司" and "深圳市新华" or "Acme Co., Ltd." and "ACME"
   * compare equal; null for a blank name.
   */
  public static String companyKey(String company) {
    if (company == null || company.isBlank()) {
      return null;
    }
    String k = company.toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{Punct}（）()，。、·]", "");
    boolean stripped = true;
    while (stripped) {
      stripped = false;
      for (String suffix : COMPANY_SUFFIXES) {
        if (k.length() > suffix.length() && k.endsWith(suffix)) {
          k = k.substring(0, k.length() - suffix.length());
          stripped = true;
        }
      }
    }
    return k.isEmpty() ? null : k;
  }
}
