package dev.switchboard.store.pbx;

import dev.switchboard.store.InvalidValueException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tenant's dial plan and PBX-wide choices.
 *
 * @param countryCode the tenant's country calling code without "+", e.g. {@code 86}; null when
 *     numbers are only ever dialled in international form
 * @param nationalPrefix dialled before a national number, e.g. {@code 0}
 * @param internationalPrefix dialled before a country code, e.g. {@code 00}
 * @param outboundRoute the domain outside numbers are sent to (a trunk, routed by {@code --route});
 *     null: outside numbers cannot be dialled
 * @param emergencyNumbers numbers always routed, first and for every extension, e.g. 110, 112
 * @param emergencyRoute the domain emergency calls go to; null: the outbound route
 * @param voicemailUri where calls for voicemail go ({@code USER} is replaced by the mailbox); null:
 *     no voicemail yet
 * @param presenceDomains other domains whose users may watch this tenant's users
 * @param featureCodes the code of each feature (every feature has one)
 * @param promptLanguage the language of the spoken prompts the tenant's callers hear: {@code en} or
 *     {@code zh}; null or blank is {@code en}
 */
public record PbxSettings(
    String countryCode,
    String nationalPrefix,
    String internationalPrefix,
    String outboundRoute,
    List<String> emergencyNumbers,
    String emergencyRoute,
    String voicemailUri,
    List<String> presenceDomains,
    Map<Feature, String> featureCodes,
    String promptLanguage) {

  /** The languages spoken prompts come in. */
  public static final List<String> PROMPT_LANGUAGES = List.of("en", "zh");

  public static final List<String> DEFAULT_EMERGENCY = List.of("110", "112", "119", "120", "911");

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,6}");
  private static final Pattern CODE = Pattern.compile("[*#0-9]{1,16}");
  private static final Pattern DOMAIN =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\\d+)?");

  public static final PbxSettings DEFAULTS =
      new PbxSettings(
          null, "0", "00", null, DEFAULT_EMERGENCY, null, null, List.of(), Map.of(), "en");

  /** Settings with English prompts (as before tenants could choose). */
  public PbxSettings(
      String countryCode,
      String nationalPrefix,
      String internationalPrefix,
      String outboundRoute,
      List<String> emergencyNumbers,
      String emergencyRoute,
      String voicemailUri,
      List<String> presenceDomains,
      Map<Feature, String> featureCodes) {
    this(
        countryCode,
        nationalPrefix,
        internationalPrefix,
        outboundRoute,
        emergencyNumbers,
        emergencyRoute,
        voicemailUri,
        presenceDomains,
        featureCodes,
        "en");
  }

  public PbxSettings {
    countryCode = digits("countryCode", countryCode, 4);
    nationalPrefix = digits("nationalPrefix", nationalPrefix, 4);
    internationalPrefix = digits("internationalPrefix", internationalPrefix, 6);
    outboundRoute = domain("outboundRoute", outboundRoute);
    emergencyRoute = domain("emergencyRoute", emergencyRoute);
    List<String> em = new ArrayList<>();
    for (String n : emergencyNumbers == null ? List.<String>of() : emergencyNumbers) {
      String d = digits("emergencyNumbers", n, 6);
      if (d != null && !em.contains(d)) {
        em.add(d);
      }
    }
    emergencyNumbers = List.copyOf(em);
    if (voicemailUri != null && voicemailUri.isBlank()) {
      voicemailUri = null;
    }
    if (voicemailUri != null
        && (voicemailUri.length() > 512 || !voicemailUri.trim().matches("sips?:\\S+"))) {
      throw new InvalidValueException("voicemailUri", "voicemailUri must be a sip: URI");
    }
    List<String> pd = new ArrayList<>();
    for (String d : presenceDomains == null ? List.<String>of() : presenceDomains) {
      String v = domain("presenceDomains", d);
      if (v != null) {
        pd.add(v);
      }
    }
    presenceDomains = List.copyOf(pd);
    EnumMap<Feature, String> codes = new EnumMap<>(Feature.class);
    for (Feature f : Feature.values()) {
      codes.put(f, f.defaultCode());
    }
    if (featureCodes != null) {
      featureCodes.forEach(
          (f, c) -> {
            if (c == null || !CODE.matcher(c).matches()) {
              throw new InvalidValueException(
                  "featureCodes", "feature code " + f.key() + " must be 1 to 16 of *, # and 0-9");
            }
            codes.put(f, c);
          });
    }
    Set<String> seen = new HashSet<>();
    for (String c : codes.values()) {
      if (!seen.add(c)) {
        throw new InvalidValueException("featureCodes", "feature code " + c + " is used twice");
      }
    }
    featureCodes = Map.copyOf(codes);
    promptLanguage =
        promptLanguage == null || promptLanguage.isBlank()
            ? "en"
            : promptLanguage.strip().toLowerCase(Locale.ROOT);
    if (!PROMPT_LANGUAGES.contains(promptLanguage)) {
      throw new InvalidValueException("promptLanguage", "promptLanguage must be en or zh");
    }
  }

  public String code(Feature f) {
    return featureCodes.get(f);
  }

  public PbxSettings withFeatureCodes(Map<Feature, String> codes) {
    return new PbxSettings(
        countryCode,
        nationalPrefix,
        internationalPrefix,
        outboundRoute,
        emergencyNumbers,
        emergencyRoute,
        voicemailUri,
        presenceDomains,
        codes,
        promptLanguage);
  }

  private static String digits(String field, String v, int max) {
    if (v == null || v.isBlank()) {
      return null;
    }
    String t = v.trim();
    if (!DIGITS.matcher(t).matches() || t.length() > max) {
      throw new InvalidValueException(field, field + " must be 1 to " + max + " digits");
    }
    return t;
  }

  private static String domain(String field, String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    String t = v.trim().toLowerCase(Locale.ROOT);
    if (t.length() > 253 || !DOMAIN.matcher(t).matches()) {
      throw new InvalidValueException(field, field + " must be a domain name");
    }
    return t;
  }

  /**
   * {@code number} in E.164 ({@code +} and digits), by these prefixes: {@code +…} as it is, the
   * international prefix replaced by {@code +}, the national prefix by {@code +} and the country
   * code; a number without either gets the country code. Null when there is no country code and the
   * number is not international.
   */
  public String e164(String number) {
    String n = visualSeparatorsRemoved(number);
    if (n.startsWith("+")) {
      return n.length() > 4 ? n : null;
    }
    String ip = internationalPrefix;
    if (ip != null && n.startsWith(ip) && n.length() > ip.length() + 3) {
      return "+" + n.substring(ip.length());
    }
    if (countryCode == null) {
      return null;
    }
    if (nationalPrefix != null && n.startsWith(nationalPrefix)) {
      return "+" + countryCode + n.substring(nationalPrefix.length());
    }
    return "+" + countryCode + n;
  }

  /** A number without RFC 3966's visual separators. */
  public static String visualSeparatorsRemoved(String number) {
    StringBuilder sb = new StringBuilder(number.length());
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (c != '-' && c != '.' && c != '(' && c != ')' && c != ' ') {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
