package dev.switchboard.ops.marketing;

import dev.switchboard.store.InvalidValueException;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Turns a public trial sign-up into a lead with its channel attribution. A prospect who signs up
 * again (same phone or e-mail as a live lead) gets a note on that lead instead of a duplicate.
 */
public final class TrialSignup {

  public static final String ACTOR = "trial-form";

  private final Jdbi jdbi;
  private final LeadRepository leads;
  private final ChannelRepository channels;
  private final CampaignRepository campaigns;

  public TrialSignup(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.leads = new LeadRepository(jdbi, clock);
    this.channels = new ChannelRepository(jdbi, clock);
    this.campaigns = new CampaignRepository(jdbi, clock);
  }

  /** The outcome: the lead, and whether it was new or an existing lead signing up again. */
  public record Result(Lead lead, boolean created) {}

  public Result signUp(TrialForm form) {
    if (form.company() == null || form.company().isBlank()) {
      throw new InvalidValueException("company", "company is required");
    }
    if (form.referralCode() != null
        && !form.referralCode().isBlank()
        && !form.referralCode().trim().matches("[A-Za-z0-9.\\-_]{1,253}")) {
      throw new InvalidValueException("referralCode", "referralCode is not a valid code");
    }
    Attribution a = Attribution.of(form, channels.list(), campaigns::find);
    LeadDraft draft =
        new LeadDraft(
            form.name(),
            form.phone(),
            form.email(),
            form.company(),
            form.industry(),
            form.region(),
            form.seats(),
            a.channel(),
            a.campaign(),
            form.referralCode() == null || form.referralCode().isBlank()
                ? null
                : form.referralCode().trim().toLowerCase(java.util.Locale.ROOT),
            null,
            null,
            null);
    leads.validate(draft);
    Optional<Long> existing =
        existing(LeadContact.phone(form.phone()), LeadContact.email(form.email()));
    if (existing.isPresent()) {
      leads.addNote(
          existing.get(),
          "Signed up for a trial again (channel "
              + a.channel()
              + (a.campaign() == null ? "" : ", campaign " + a.campaign())
              + ")",
          ACTOR);
      return new Result(leads.get(existing.get()), false);
    }
    return new Result(leads.create(draft, ACTOR), true);
  }

  private Optional<Long> existing(String phone, String email) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id FROM lead WHERE merged_into IS NULL AND (phone = :p OR email = :e)"
                        + " ORDER BY id LIMIT 1")
                .bind("p", phone)
                .bind("e", email)
                .mapTo(Long.class)
                .findOne());
  }
}
