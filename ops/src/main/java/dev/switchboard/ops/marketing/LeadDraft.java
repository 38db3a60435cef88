package dev.switchboard.ops.marketing;

import java.time.LocalDate;

/**
 * What a person, a form or an import says about a lead, before checking and normalising. Every
 * field may be null: on create, {@code name}, a phone or e-mail and {@code channel} are required,
 * {@code intent} null means "grade by the rules" and {@code createdOn} null means today; on update
 * null leaves the field as it is.
 */
public record LeadDraft(
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
    Character intent,
    String ownerEmail,
    LocalDate createdOn) {

  /** A draft with just a name, contact and channel; the rest null. */
  public static LeadDraft of(String name, String phone, String email, String channel) {
    return new LeadDraft(
        name, phone, email, null, null, null, null, channel, null, null, null, null, null);
  }
}
