package dev.switchboard.ops.marketing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A sales lead as stored. Stage dates are calendar days in Asia/Shanghai, null until reached;
 * {@code tenantDomain} is the customer it became; {@code mergedInto} is set on a tombstone left by
 * a merge.
 */
public record Lead(
    long id,
    String name,
    String phone,
    String email,
    String company,
    String industry,
    String region,
    Integer seats,
    String channel,
    String campaign,
    String referralCode,
    char intent,
    boolean intentManual,
    String ownerEmail,
    LeadStatus status,
    LocalDate createdOn,
    LocalDate validOn,
    LocalDate trialOn,
    LocalDate opportunityOn,
    LocalDate wonOn,
    LocalDate lostOn,
    String lostReason,
    String tenantDomain,
    Long mergedInto,
    Instant createdAt,
    Instant updatedAt) {

  /** This lead with the editable fields of {@code d} applied (nulls in {@code d} leave a field). */
  public Lead with(LeadDraft d) {
    return new Lead(
        id,
        d.name() != null ? d.name() : name,
        d.phone() != null ? d.phone() : phone,
        d.email() != null ? d.email() : email,
        d.company() != null ? d.company() : company,
        d.industry() != null ? d.industry() : industry,
        d.region() != null ? d.region() : region,
        d.seats() != null ? d.seats() : seats,
        d.channel() != null ? d.channel() : channel,
        d.campaign() != null ? d.campaign() : campaign,
        d.referralCode() != null ? d.referralCode() : referralCode,
        d.intent() != null ? d.intent() : intent,
        d.intent() != null || intentManual,
        d.ownerEmail() != null ? d.ownerEmail() : ownerEmail,
        status,
        createdOn,
        validOn,
        trialOn,
        opportunityOn,
        wonOn,
        lostOn,
        lostReason,
        tenantDomain,
        mergedInto,
        createdAt,
        updatedAt);
  }
}
