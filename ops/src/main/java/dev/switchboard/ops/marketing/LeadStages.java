package dev.switchboard.ops.marketing;

import dev.switchboard.store.InvalidValueException;
import java.time.LocalDate;
import org.jdbi.v3.core.Jdbi;

/**
 * The funnel's state machine for one lead: which status may follow which, and the stage dates a
 * move sets or clears.
 */
final class LeadStages {

  private final Jdbi jdbi;
  private final LeadRepository leads;

  LeadStages(Jdbi jdbi, LeadRepository leads) {
    this.jdbi = jdbi;
    this.leads = leads;
  }

  /**
   * Moves a lead to {@code to} on the business day {@code on} (null: today) and records the event.
   *
   * <ul>
   *   <li>a funnel stage (valid, trial, opportunity, won) dates that stage and any earlier stage
   *       not yet dated (a lead won straight from a visit was also valid and an opportunity), and
   *       clears later stages and a loss, so moving back is possible;
   *   <li>{@code lost} dates the loss and keeps {@code lostReason}; {@code invalid} undoes a
   *       validity that led nowhere (no trial yet);
   *   <li>a won lead is closed; a lead cannot go back to new; a tombstone cannot move; moving to
   *       the status it has changes nothing.
   * </ul>
   */
  Lead advance(long id, LeadStatus to, LocalDate on, String actor, String note, String lostReason) {
    if (to == null) {
      throw new InvalidValueException("status", "status is required");
    }
    LocalDate day = on == null ? leads.today() : on;
    String reason = ChannelRepository.optional("lostReason", lostReason, 200);
    String n = ChannelRepository.optional("note", note, 2000);
    jdbi.useTransaction(
        h -> {
          Lead l = LeadRepository.live(h, id);
          if (l.status() == to) {
            return;
          }
          if (to == LeadStatus.NEW) {
            throw new InvalidValueException("status", "a lead cannot go back to new");
          }
          if (l.status() == LeadStatus.WON) {
            throw new InvalidValueException("status", "lead " + id + " is won and closed");
          }
          if (day.isBefore(l.createdOn())) {
            throw new InvalidValueException(
                "on", "on (" + day + ") is before the lead was created (" + l.createdOn() + ")");
          }
          LocalDate[] d = {l.validOn(), l.trialOn(), l.opportunityOn(), l.wonOn()};
          LocalDate lost = l.lostOn();
          String why = l.lostReason();
          switch (to) {
            case VALID, TRIAL, OPPORTUNITY, WON -> {
              int stage = to.ordinal() - 1;
              for (int i = 0; i < d.length; i++) {
                if (i < stage && d[i] == null) {
                  d[i] = day;
                } else if (i == stage) {
                  d[i] = day;
                } else if (i > stage) {
                  d[i] = null;
                }
              }
              lost = null;
              why = null;
            }
            case LOST -> {
              lost = day;
              why = reason;
            }
            case INVALID -> {
              if (d[1] == null) {
                d[0] = null;
              }
            }
            case NEW -> throw new IllegalStateException();
          }
          h.createUpdate(
                  "UPDATE lead SET status = :s, valid_on = :v, trial_on = :t, opportunity_on = :o,"
                      + " won_on = :w, lost_on = :l, lost_reason = :r, updated_at = :at"
                      + " WHERE id = :id")
              .bind("s", to.wireName())
              .bind("v", d[0])
              .bind("t", d[1])
              .bind("o", d[2])
              .bind("w", d[3])
              .bind("l", lost)
              .bind("r", why)
              .bind("at", leads.now())
              .bind("id", id)
              .execute();
          LeadRepository.event(
              h, id, to.wireName(), day, actor, to == LeadStatus.LOST && n == null ? why : n);
        });
    return leads.get(id);
  }
}
