package dev.switchboard.ops.marketing;

/**
 * One editable grading rule: when every non-null condition holds the lead gets {@code grade}; rules
 * are tried by ascending {@code priority}, and a lead no rule matches is D.
 */
public record IntentRule(
    long id,
    int priority,
    char grade,
    String channel,
    ChannelKind channelKind,
    String industry,
    Integer minSeats,
    boolean needsCompany) {

  /** True when this rule's conditions all hold for the lead. */
  public boolean matches(
      String leadChannel, ChannelKind kind, String leadIndustry, Integer seats, String company) {
    return (channel == null || channel.equals(leadChannel))
        && (channelKind == null || channelKind == kind)
        && (industry == null || industry.equalsIgnoreCase(leadIndustry))
        && (minSeats == null || (seats != null && seats >= minSeats))
        && (!needsCompany || (company != null && !company.isBlank()));
  }
}
