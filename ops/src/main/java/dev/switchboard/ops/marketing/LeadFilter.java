package dev.switchboard.ops.marketing;

import java.time.LocalDate;

/**
 * Which leads a listing shows; null fields do not filter. {@code text} matches name, company, phone
 * or e-mail (case-insensitive substring). Merged tombstones are left out unless asked for.
 */
public record LeadFilter(
    LeadStatus status,
    String channel,
    String campaign,
    String ownerEmail,
    Character intent,
    String text,
    LocalDate createdFrom,
    LocalDate createdTo,
    boolean includeMerged) {

  public static final LeadFilter ALL =
      new LeadFilter(null, null, null, null, null, null, null, null, false);
}
