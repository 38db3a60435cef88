package dev.switchboard.server.pbx;

import dev.switchboard.store.pbx.Feature;
import dev.switchboard.store.pbx.PbxSettings;
import dev.switchboard.store.pbx.RingGroup;
import dev.switchboard.store.pbx.TenantPbx;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A tenant's dial plan: what a dialled user part means. Emergency numbers come first and feature
 * codes and outside numbers only for the tenant's own callers; then extensions and groups, for
 * anyone.
 */
final class DialPlan {
  private DialPlan() {}

  /**
   * Classifies {@code dialled} in {@code tenant}; {@code ownCaller} says whether the caller is one
   * of the tenant's extensions (only they get emergency routing, features and outside lines).
   */
  static Dialled classify(TenantPbx tenant, String dialled, boolean ownCaller) {
    PbxSettings s = tenant.settings();
    String digits = visualSeparatorsRemoved(dialled);
    if (ownCaller && s.emergencyNumbers().contains(digits)) {
      return new Dialled.Emergency(digits);
    }
    if (tenant.options().containsKey(dialled)) {
      return new Dialled.Extension(dialled);
    }
    for (RingGroup g : tenant.groups()) {
      if (g.number().equals(dialled)) {
        return new Dialled.Group(g);
      }
    }
    if (!ownCaller) {
      return new Dialled.Unknown("No such extension");
    }
    Dialled feature = feature(s, digits);
    if (feature != null) {
      return feature;
    }
    if (!digits.matches("\\+?[0-9]{3,32}")) {
      return new Dialled.Unknown("No such extension");
    }
    String e164 = e164(s, digits);
    if (e164 == null) {
      return new Dialled.Unknown("Number cannot be put in E.164 form");
    }
    return new Dialled.Outside(e164);
  }

  /** The feature a dialled string calls, longest code first, or null. */
  static Dialled feature(PbxSettings s, String digits) {
    List<Map.Entry<Feature, String>> codes =
        s.featureCodes().entrySet().stream()
            .sorted(
                Comparator.comparingInt((Map.Entry<Feature, String> e) -> -e.getValue().length()))
            .toList();
    for (Map.Entry<Feature, String> e : codes) {
      Feature f = e.getKey();
      String code = e.getValue();
      if (f.takesNumber()) {
        if (digits.startsWith(code) && digits.length() > code.length()) {
          return new Dialled.FeatureCode(f, digits.substring(code.length()));
        }
        if (digits.equals(code) && f != Feature.DIRECTED_PICKUP) {
          return new Dialled.FeatureCode(f, null);
        }
      } else if (digits.equals(code)) {
        return new Dialled.FeatureCode(f, null);
      }
    }
    return null;
  }

  /**
   * {@code number} in E.164 ({@code +} and digits), by the tenant's prefixes: {@code +…} as it is,
   * the international prefix replaced by {@code +}, the national prefix by {@code +} and the
   * country code; a number without either gets the country code. Null when the tenant has no
   * country code and the number is not international.
   */
  static String e164(PbxSettings s, String number) {
    return s.e164(number);
  }

  /** A number without RFC 3966's visual separators. */
  static String visualSeparatorsRemoved(String number) {
    return PbxSettings.visualSeparatorsRemoved(number);
  }
}
