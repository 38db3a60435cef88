package dev.switchboard.ops.marketing;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.tenant.TenantRepository;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Finding live leads that share a phone, e-mail or company, and merging one lead into another. */
final class LeadMerges {

  private final Jdbi jdbi;
  private final LeadRepository leads;

  LeadMerges(Jdbi jdbi, LeadRepository leads) {
    this.jdbi = jdbi;
    this.leads = leads;
  }

  /** Other live leads that share this lead's phone, e-mail or company. */
  List<Lead> duplicatesOf(long id) {
    Lead l = leads.get(id);
    String key = LeadContact.companyKey(l.company());
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + LeadRepository.COLUMNS
                        + LeadRepository.FROM
                        + " WHERE l.id <> :id AND l.merged_into IS NULL AND ((l.phone = :phone)"
                        + " OR (l.email = :email) OR (l.company_key = :key)) ORDER BY l.id")
                .bind("id", id)
                .bind("phone", l.phone())
                .bind("email", l.email())
                .bind("key", key)
                .map(LeadRepository::map)
                .list());
  }

  /** Up to {@code limit} groups of duplicates, largest first. */
  List<LeadRepository.DuplicateGroup> groups(int limit) {
    return jdbi.withHandle(
        h -> {
          List<String[]> keys =
              h.createQuery(
                      "SELECT field, v, n FROM ("
                          + " SELECT 'phone' AS field, phone AS v, COUNT(*) AS n FROM lead"
                          + " WHERE merged_into IS NULL AND phone IS NOT NULL GROUP BY phone"
                          + " HAVING COUNT(*) > 1"
                          + " UNION ALL SELECT 'email', email, COUNT(*) FROM lead"
                          + " WHERE merged_into IS NULL AND email IS NOT NULL GROUP BY email"
                          + " HAVING COUNT(*) > 1"
                          + " UNION ALL SELECT 'company', company_key, COUNT(*) FROM lead"
                          + " WHERE merged_into IS NULL AND company_key IS NOT NULL"
                          + " GROUP BY company_key HAVING COUNT(*) > 1) g"
                          + " ORDER BY n DESC, field, v LIMIT :limit")
                  .bind("limit", limit)
                  .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                  .list();
          List<LeadRepository.DuplicateGroup> groups = new ArrayList<>();
          for (String[] k : keys) {
            String column =
                switch (k[0]) {
                  case "phone" -> "phone";
                  case "email" -> "email";
                  default -> "company_key";
                };
            groups.add(
                new LeadRepository.DuplicateGroup(
                    k[0],
                    k[1],
                    h.createQuery(
                            "SELECT "
                                + LeadRepository.COLUMNS
                                + LeadRepository.FROM
                                + " WHERE l.merged_into IS NULL AND l."
                                + column
                                + " = :v ORDER BY l.id")
                        .bind("v", k[1])
                        .map(LeadRepository::map)
                        .list()));
          }
          return groups;
        });
  }

  private static int rank(LeadStatus s) {
    return switch (s) {
      case NEW -> 0;
      case INVALID -> 1;
      case VALID -> 2;
      case TRIAL -> 3;
      case OPPORTUNITY -> 4;
      case LOST -> 5;
      case WON -> 6;
    };
  }

  private static LocalDate earliest(LocalDate a, LocalDate b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }

  private static <T> T first(T a, T b) {
    return a != null ? a : b;
  }

  /**
   * Merges lead {@code mergedId} into {@code survivorId}: the survivor keeps its own values and
   * takes the other's where it has none, the earliest creation and stage dates, and the further
   * status; every event and note moves to the survivor; the merged lead stays as a tombstone
   * pointing to it (and so do leads once merged into it).
   */
  Lead merge(long survivorId, long mergedId, String actor) {
    if (survivorId == mergedId) {
      throw new InvalidValueException("from", "a lead cannot be merged into itself");
    }
    jdbi.useTransaction(
        h -> {
          Lead s = LeadRepository.live(h, survivorId);
          Lead m;
          try {
            m = LeadRepository.live(h, mergedId);
          } catch (NotFoundException e) {
            throw new NotFoundException("from", "no lead " + mergedId);
          } catch (InvalidValueException e) {
            throw new InvalidValueException("from", e.getMessage());
          }
          LeadStatus status = rank(m.status()) > rank(s.status()) ? m.status() : s.status();
          LocalDate won = earliest(s.wonOn(), m.wonOn());
          LocalDate lost = status == LeadStatus.LOST ? earliest(s.lostOn(), m.lostOn()) : null;
          h.createUpdate(
                  "UPDATE lead SET phone = :phone, email = :email, company = :company,"
                      + " company_key = :key, industry = :industry, region = :region,"
                      + " seats = :seats, campaign_code = :campaign, referral_code = :referral,"
                      + " owner_email = :owner, tenant_id = COALESCE(tenant_id, :tenant),"
                      + " status = :status, created_on = :created, valid_on = :v, trial_on = :t,"
                      + " opportunity_on = :o, won_on = :w, lost_on = :l, lost_reason = :r,"
                      + " updated_at = :at WHERE id = :id")
              .bind("phone", first(s.phone(), m.phone()))
              .bind("email", first(s.email(), m.email()))
              .bind("company", first(s.company(), m.company()))
              .bind("key", LeadContact.companyKey(first(s.company(), m.company())))
              .bind("industry", first(s.industry(), m.industry()))
              .bind("region", first(s.region(), m.region()))
              .bind("seats", first(s.seats(), m.seats()))
              .bind(
                  "campaign",
                  s.campaign() != null || !m.channel().equals(s.channel())
                      ? s.campaign()
                      : m.campaign())
              .bind("referral", first(s.referralCode(), m.referralCode()))
              .bind("owner", first(s.ownerEmail(), m.ownerEmail()))
              .bind(
                  "tenant",
                  m.tenantDomain() == null
                      ? null
                      : TenantRepository.idOf(h, m.tenantDomain()).orElse(null))
              .bind("status", status.wireName())
              .bind("created", earliest(s.createdOn(), m.createdOn()))
              .bind("v", earliest(s.validOn(), m.validOn()))
              .bind("t", earliest(s.trialOn(), m.trialOn()))
              .bind("o", earliest(s.opportunityOn(), m.opportunityOn()))
              .bind("w", status == LeadStatus.WON ? won : null)
              .bind("l", lost)
              .bind("r", lost == null ? null : first(s.lostReason(), m.lostReason()))
              .bind("at", leads.now())
              .bind("id", survivorId)
              .execute();
          h.createUpdate("UPDATE lead_event SET lead_id = :s WHERE lead_id = :m")
              .bind("s", survivorId)
              .bind("m", mergedId)
              .execute();
          h.createUpdate("UPDATE lead_note SET lead_id = :s WHERE lead_id = :m")
              .bind("s", survivorId)
              .bind("m", mergedId)
              .execute();
          h.createUpdate("UPDATE lead SET merged_into = :s WHERE merged_into = :m")
              .bind("s", survivorId)
              .bind("m", mergedId)
              .execute();
          h.createUpdate("UPDATE lead SET merged_into = :s, updated_at = :at WHERE id = :m")
              .bind("s", survivorId)
              .bind("at", leads.now())
              .bind("m", mergedId)
              .execute();
          LeadRepository.event(
              h,
              survivorId,
              "merged",
              leads.today(),
              actor,
              "lead " + mergedId + " (" + m.name() + ") merged into this lead");
        });
    return leads.get(survivorId);
  }
}
