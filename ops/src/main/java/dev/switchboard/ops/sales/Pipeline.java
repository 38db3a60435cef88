package dev.switchboard.ops.sales;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.ops.customer.CustomerProfile;
import dev.switchboard.ops.customer.CustomerProfiles;
import dev.switchboard.store.Database;
import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.tenant.SipDomain;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * The sales pipeline's rules: a deal opens from a lead, moves forward through the open stages, and
 * is won (creating the customer's tenant, subscription and profile), lost, or refunded.
 */
public final class Pipeline {

  /** Calendar days of the business are in this zone. */

  /** A won customer's SIP domain, when none is given, is a slug of its company under this. */
  public static final String CUSTOMER_DOMAIN_SUFFIX = "customers.switchboard.test";

  /**
   * What to open a deal with. With a lead, the company and its attributes come from the lead and
   * the fields here may only fill what the lead lacks; null seats, rep or day take defaults.
   */
  public record Opening(
      Long leadId,
      String company,
      String industry,
      String region,
      String channel,
      String campaign,
      String intent,
      String rep,
      String plan,
      Integer seats,
      LocalDate openedOn) {}

  private final Database db;
  private final Clock clock;
  private final LeadBook leads;
  private final BillingDesk billing;
  private final OpportunityRepository deals;
  private final RepRepository reps;
  private final TenantRepository tenants;
  private final ReferralRepository referrals;

  public Pipeline(Database db, Clock clock, LeadBook leads, BillingDesk billing) {
    this.db = db;
    this.clock = clock;
    this.leads = leads;
    this.billing = billing;
    this.deals = new OpportunityRepository(db.jdbi(), clock);
    this.reps = new RepRepository(db.jdbi(), clock);
    this.tenants = new TenantRepository(db.jdbi());
    this.referrals = new ReferralRepository(db.jdbi(), clock);
  }

  public OpportunityRepository deals() {
    return deals;
  }

  /** Today in the business time zone. */
  public LocalDate today() {
    return BusinessCalendar.BUSINESS.today(clock);
  }

  /** Opens a deal in qualification and marks its lead an opportunity. */
  public Opportunity open(Opening o) {
    LocalDate on = o.openedOn() == null ? today() : o.openedOn();
    LeadBook.LeadFacts lead = null;
    if (o.leadId() != null) {
      lead =
          leads
              .find(o.leadId())
              .orElseThrow(() -> new InvalidValueException("leadId", "no lead " + o.leadId()));
    }
    String company = lead != null ? lead.company() : o.company();
    if (company == null || company.isBlank()) {
      throw new InvalidValueException("company", "company is required without a lead");
    }
    if (company.length() > 200) {
      throw new InvalidValueException("company", "company must be at most 200 characters");
    }
    Integer seats = o.seats() != null ? o.seats() : lead != null ? lead.seats() : null;
    if (seats == null || seats < 1 || seats > 100_000) {
      throw new InvalidValueException("seats", "seats must be 1 to 100000");
    }
    String repEmail = o.rep() != null ? o.rep() : lead != null ? lead.ownerEmail() : null;
    if (repEmail == null) {
      throw new InvalidValueException("rep", "rep is required");
    }
    Rep rep =
        reps.find(repEmail)
            .orElseThrow(() -> new InvalidValueException("rep", "no sales rep " + repEmail));
    if (o.plan() == null || o.plan().isBlank()) {
      throw new InvalidValueException("plan", "plan is required");
    }
    String intent = pick(lead == null ? null : lead.intent(), o.intent());
    if (intent != null && !intent.matches("[ABCD]")) {
      throw new InvalidValueException("intent", "intent must be A, B, C or D");
    }
    BigDecimal amount = billing.firstYearPrice(o.plan(), seats, on);
    OpportunityRepository.Draft draft =
        new OpportunityRepository.Draft(
            o.leadId(),
            company.trim(),
            pick(lead == null ? null : lead.industry(), o.industry()),
            pick(lead == null ? null : lead.region(), o.region()),
            pick(lead == null ? null : lead.channel(), o.channel()),
            pick(lead == null ? null : lead.campaign(), o.campaign()),
            intent,
            rep.email(),
            o.plan(),
            seats,
            amount.setScale(2, RoundingMode.HALF_UP));
    if (o.leadId() != null) {
      db.jdbi()
          .useHandle(
              h ->
                  deals
                      .forLead(h, o.leadId())
                      .filter(d -> !d.lost())
                      .ifPresent(
                          d -> {
                            throw new DuplicateException(
                                "leadId",
                                "lead " + o.leadId() + " already has opportunity " + d.id());
                          }));
      leads.opportunity(o.leadId(), on);
    }
    long id = db.jdbi().inTransaction(h -> deals.insert(h, draft, on));
    if (lead != null) {
      referFromCode(lead);
    }
    return deals.get(id);
  }

  /**
   * A lead from the trial form may carry a referral code, the referring customer's SIP domain: when
   * it names a tenant and the lead has no referrer yet, the referral is recorded.
   */
  private void referFromCode(LeadBook.LeadFacts lead) {
    String code = lead.referralCode();
    if (code == null || code.isBlank() || referrals.forLead(lead.id()).isPresent()) {
      return;
    }
    String domain = code.trim().toLowerCase(Locale.ROOT);
    if (tenants.find(domain).isPresent()) {
      referrals.record(
          new ReferralRepository.Referral(
              domain,
              lead.id(),
              lead.createdOn() == null ? today() : lead.createdOn(),
              ReferralRepository.Source.TRIAL_FORM));
    }
  }

  /** Moves an open deal forward to a later open stage entered on {@code on}. */
  public Opportunity advance(long id, Stage to, LocalDate on) {
    Opportunity d = deals.get(id);
    requireOpen(d);
    if (!to.isOpen() || to.ordinal() <= d.stage().ordinal()) {
      throw new InvalidValueException(
          "stage",
          "a deal in "
              + d.stage().wireName()
              + " can only move to a later open stage, or be won"
              + " or lost");
    }
    LocalDate day = dayAfterHistory(d, on);
    db.jdbi().useTransaction(h -> deals.enter(h, id, to, day));
    return deals.get(id);
  }

  /** Changes the rep, plan or seats of an open deal; the amount is quoted again. */
  public Opportunity change(long id, String rep, String plan, Integer seats) {
    Opportunity d = deals.get(id);
    requireOpen(d);
    String repEmail = rep == null ? d.repEmail() : reps.get(rep).email();
    String planCode = plan == null ? d.plan() : plan;
    int n = seats == null ? d.seats() : seats;
    if (n < 1 || n > 100_000) {
      throw new InvalidValueException("seats", "seats must be 1 to 100000");
    }
    BigDecimal amount =
        billing.firstYearPrice(planCode, n, today()).setScale(2, RoundingMode.HALF_UP);
    db.jdbi().useTransaction(h -> deals.update(h, id, repEmail, planCode, n, amount));
    return deals.get(id);
  }

  /**
   * Wins an open deal on {@code on}: creates the customer's tenant ({@code domain}, or one derived
   * from the company), its subscription through billing, its customer profile with the acquisition
   * cost, and marks the lead won.
   */
  public Opportunity win(long id, LocalDate on, String domain) {
    Opportunity d = deals.get(id);
    requireOpen(d);
    LocalDate day = dayAfterHistory(d, on);
    String sipDomain =
        domain == null || domain.isBlank() ? deriveDomain(d.company(), id) : domain.trim();
    sipDomain = SipDomain.normalise(sipDomain);
    if (tenants.find(sipDomain).isPresent()) {
      throw new DuplicateException("domain", "a tenant with domain " + sipDomain + " exists");
    }
    // Quote first: an unknown plan must fail before anything is created.
    billing.firstYearPrice(d.plan(), d.seats(), day);
    Tenant tenant =
        tenants.create(
            new Tenant(
                sipDomain,
                d.company(),
                TenantStatus.ACTIVE,
                d.industry(),
                BusinessCalendar.ZONE,
                clock.instant()));
    long tenantId =
        db.jdbi().withHandle(h -> TenantRepository.idOf(h, tenant.domain()).orElseThrow());
    try {
      billing.subscribe(tenantId, d.plan(), d.seats(), day);
    } catch (RuntimeException e) {
      // Without a subscription there is no customer: take the tenant back, keep the deal open.
      tenants.delete(tenant.domain());
      throw e;
    }
    db.jdbi()
        .useTransaction(
            h -> {
              deals.enter(h, id, Stage.WON, day);
              deals.close(h, id, day, null, tenant.domain(), tenantId);
              writeProfile(h, tenantId, d, day);
            });
    if (d.leadId() != null) {
      leads.won(d.leadId(), day, tenant.domain());
    }
    return deals.get(id);
  }

  /** Loses an open deal on {@code on} for {@code reason}. */
  public Opportunity lose(long id, LocalDate on, String reason) {
    Opportunity d = deals.get(id);
    requireOpen(d);
    String why = reason(reason, "lostReason");
    LocalDate day = dayAfterHistory(d, on);
    db.jdbi()
        .useTransaction(
            h -> {
              deals.enter(h, id, Stage.LOST, day);
              deals.close(h, id, day, why, null, null);
            });
    if (d.leadId() != null) {
      leads.lost(d.leadId(), day, why);
    }
    return deals.get(id);
  }

  /**
   * Refunds a won deal on {@code on}: billing cancels the subscription with its refund (only inside
   * the refund window) and the deal records the reason and amount.
   */
  public Opportunity refund(long id, LocalDate on, String reason) {
    Opportunity d = deals.get(id);
    if (d.stage() != Stage.WON) {
      throw new InvalidValueException("stage", "only a won deal can be refunded");
    }
    String why = reason(reason, "refundReason");
    LocalDate day = dayAfterHistory(d, on);
    long tenantId =
        db.jdbi()
            .withHandle(
                h ->
                    TenantRepository.idOf(h, d.domain())
                        .orElseThrow(
                            () ->
                                new InvalidValueException(
                                    "id", "the customer of deal " + id + " no longer exists")));
    BigDecimal amount = billing.cancelWithRefund(tenantId, day, why);
    db.jdbi()
        .useTransaction(
            h -> {
              deals.enter(h, id, Stage.REFUNDED, day);
              deals.refund(h, id, day, why, amount.setScale(2, RoundingMode.HALF_UP));
            });
    return deals.get(id);
  }

  /** A tenant domain from the company's ASCII letters and digits, or "customer-ID". */
  static String deriveDomain(String company, long id) {
    String ascii =
        Normalizer.normalize(company, Normalizer.Form.NFD)
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (ascii.length() > 40) {
      ascii = ascii.substring(0, 40).replaceAll("-+$", "");
    }
    String label = ascii.length() < 3 ? "customer-" + id : ascii + "-" + id;
    return label + "." + CUSTOMER_DOMAIN_SUFFIX;
  }

  /**
   * The documented acquisition-cost rule: the campaign's actual cost ÷ the customers won from it so
   * far (this one included); without a campaign, the channel's cost ÷ its customers so far.
   */
  static BigDecimal acquisitionCost(BigDecimal cost, long customersSoFar) {
    if (cost == null || customersSoFar < 1) {
      return null;
    }
    return cost.divide(BigDecimal.valueOf(customersSoFar), 2, RoundingMode.HALF_UP);
  }

  private void writeProfile(Handle h, long tenantId, Opportunity d, LocalDate day) {
    BigDecimal cost;
    if (d.campaign() != null) {
      long won = CustomerProfiles.countFromCampaign(h, d.campaign()) + 1;
      cost = acquisitionCost(leads.campaignCost(d.campaign()), won);
    } else if (d.channel() != null) {
      long won = CustomerProfiles.countFromChannel(h, d.channel()) + 1;
      cost = acquisitionCost(leads.channelCost(d.channel()), won);
    } else {
      cost = null;
    }
    CustomerProfiles.replace(
        h,
        new CustomerProfile(
            tenantId,
            d.company(),
            d.region(),
            d.sizeBand(),
            d.channel(),
            d.campaign(),
            cost,
            day,
            d.repEmail(),
            null),
        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
  }

  private static void requireOpen(Opportunity d) {
    if (!d.stage().isOpen()) {
      throw new InvalidValueException("stage", "deal " + d.id() + " is " + d.stage().wireName());
    }
  }

  /** {@code on} (today when null), not before the deal's last stage change. */
  private LocalDate dayAfterHistory(Opportunity d, LocalDate on) {
    LocalDate day = on == null ? today() : on;
    List<OpportunityRepository.StageEntry> history = deals.history(d.id());
    LocalDate last = history.isEmpty() ? d.openedOn() : history.get(history.size() - 1).enteredOn();
    if (day.isBefore(last)) {
      throw new InvalidValueException("on", "the day must not be before " + last);
    }
    return day;
  }

  private static String reason(String reason, String field) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidValueException(field, field + " is required");
    }
    if (reason.trim().length() > 64) {
      throw new InvalidValueException(field, field + " must be at most 64 characters");
    }
    return reason.trim();
  }

  private static String pick(String fromLead, String given) {
    return fromLead != null && !fromLead.isBlank() ? fromLead : blankToNull(given);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
