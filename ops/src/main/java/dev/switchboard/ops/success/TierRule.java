package dev.switchboard.ops.success;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.tenant.Tenant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A customer tier and its promotion rule: a customer qualifies when it meets every minimum; it
 * holds the highest level it qualifies for. {@code service} says what the tier gets, and {@code
 * minCasePriority} raises its cases' priority (and so their SLA).
 */
public record TierRule(
    String code,
    String name,
    int level,
    BigDecimal minAnnualSpend,
    int minTenureMonths,
    int minReferrals,
    int minValuableFeedback,
    String service,
    CasePriority minCasePriority) {

  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  public TierRule {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new InvalidValueException("code", "code: lower-case letters, digits, - and _ (max 32)");
    }
    name = Tenant.requireText("name", name, 100);
    service = Tenant.requireText("service", service, 500);
    if (level < 1 || level > 99) {
      throw new InvalidValueException("level", "level must be 1..99");
    }
    if (minAnnualSpend == null || minAnnualSpend.signum() < 0) {
      throw new InvalidValueException("minAnnualSpend", "minAnnualSpend must be 0 or more");
    }
    minAnnualSpend = minAnnualSpend.setScale(2, RoundingMode.HALF_UP);
    if (minTenureMonths < 0 || minReferrals < 0 || minValuableFeedback < 0) {
      throw new InvalidValueException("rule", "minimums must be 0 or more");
    }
    if (minCasePriority == null) {
      minCasePriority = CasePriority.LOW;
    }
  }

  /** What a customer brings to the rule. */
  public record Facts(
      BigDecimal annualSpend, int tenureMonths, int referrals, int valuableFeedback) {}

  public boolean qualifies(Facts f) {
    return f.annualSpend().compareTo(minAnnualSpend) >= 0
        && f.tenureMonths() >= minTenureMonths
        && f.referrals() >= minReferrals
        && f.valuableFeedback() >= minValuableFeedback;
  }

  /** The rule as met by {@code f}, for the tier history: "spend 62000.00 ≥ 60000.00, …". */
  public String explain(Facts f) {
    List<String> parts = new ArrayList<>();
    parts.add(
        "spend " + f.annualSpend().setScale(2, RoundingMode.HALF_UP) + " >= " + minAnnualSpend);
    parts.add("tenure " + f.tenureMonths() + " >= " + minTenureMonths + " months");
    parts.add("referrals " + f.referrals() + " >= " + minReferrals);
    parts.add("valuable feedback " + f.valuableFeedback() + " >= " + minValuableFeedback);
    return code + ": " + String.join(", ", parts);
  }

  /** The highest-level rule {@code f} qualifies for, or null if none. */
  public static TierRule assign(List<TierRule> rules, Facts f) {
    TierRule best = null;
    for (TierRule r : rules) {
      if (r.qualifies(f) && (best == null || r.level() > best.level())) {
        best = r;
      }
    }
    return best;
  }
}
