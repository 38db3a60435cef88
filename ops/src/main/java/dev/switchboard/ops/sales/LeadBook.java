package dev.switchboard.ops.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/** Marketing's leads and campaign costs as sales needs them; {@link MarketingLeadBook} is real. */
public interface LeadBook {

  /** What sales copies from a lead when a deal opens. */
  record LeadFacts(
      long id,
      String name,
      String company,
      String industry,
      String region,
      Integer seats,
      String channel,
      String campaign,
      String intent,
      String ownerEmail,
      String referralCode,
      LocalDate createdOn) {}

  Optional<LeadFacts> find(long leadId);

  /** The lead became an opportunity on {@code on}. */
  void opportunity(long leadId, LocalDate on);

  /** The lead's deal was won on {@code on}; the customer's tenant is {@code domain}. */
  void won(long leadId, LocalDate on, String domain);

  /** The lead's deal was lost on {@code on} for {@code reason}. */
  void lost(long leadId, LocalDate on, String reason);

  /** What the campaign really cost so far (CNY), or null when there is no such campaign. */
  BigDecimal campaignCost(String campaign);

  /** What all campaigns of the channel cost so far (CNY); zero for a channel without campaigns. */
  BigDecimal channelCost(String channel);
}
