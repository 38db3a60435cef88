package dev.switchboard.ops.sales;

import dev.switchboard.ops.marketing.Campaign;
import dev.switchboard.ops.marketing.CampaignRepository;
import dev.switchboard.ops.marketing.Lead;
import dev.switchboard.ops.marketing.LeadRepository;
import dev.switchboard.ops.marketing.LeadStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link LeadBook} on marketing's lead and campaign repositories; moves are recorded as "sales".
 */
public final class MarketingLeadBook implements LeadBook {

  private static final String ACTOR = "sales";

  private final LeadRepository leads;
  private final CampaignRepository campaigns;

  public MarketingLeadBook(Jdbi jdbi, Clock clock) {
    this.leads = new LeadRepository(jdbi, clock);
    this.campaigns = new CampaignRepository(jdbi, clock);
  }

  @Override
  public Optional<LeadFacts> find(long leadId) {
    return leads.find(leadId).filter(l -> l.mergedInto() == null).map(MarketingLeadBook::facts);
  }

  private static LeadFacts facts(Lead l) {
    return new LeadFacts(
        l.id(),
        l.name(),
        l.company() != null ? l.company() : l.name(),
        l.industry(),
        l.region(),
        l.seats(),
        l.channel(),
        l.campaign(),
        String.valueOf(l.intent()),
        l.ownerEmail(),
        l.referralCode(),
        l.createdOn());
  }

  @Override
  public void opportunity(long leadId, LocalDate on) {
    leads.advance(leadId, LeadStatus.OPPORTUNITY, on, ACTOR, "opportunity opened");
  }

  @Override
  public void won(long leadId, LocalDate on, String domain) {
    leads.advance(leadId, LeadStatus.WON, on, ACTOR, "deal won: " + domain);
    leads.linkTenant(leadId, domain);
  }

  @Override
  public void lost(long leadId, LocalDate on, String reason) {
    leads.advance(leadId, LeadStatus.LOST, on, ACTOR, null, reason);
  }

  @Override
  public BigDecimal campaignCost(String campaign) {
    return campaigns.find(campaign).map(Campaign::actualCost).orElse(null);
  }

  @Override
  public BigDecimal channelCost(String channel) {
    return campaigns.list(channel).stream()
        .map(Campaign::actualCost)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
