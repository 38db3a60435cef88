package dev.switchboard.console.sales;

import dev.switchboard.console.http.CsvResponse;
import dev.switchboard.ops.sales.Opportunity;
import dev.switchboard.ops.sales.OpportunityRepository;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** An opportunity in JSON; {@code history} only on the single-deal read. */
record OpportunityView(
    long id,
    Long leadId,
    String company,
    String industry,
    String region,
    String channel,
    String campaign,
    String intent,
    String sizeBand,
    String rep,
    String repName,
    String team,
    String plan,
    int seats,
    BigDecimal amount,
    String stage,
    LocalDate openedOn,
    LocalDate closedOn,
    Long cycleDays,
    String lostReason,
    LocalDate refundedOn,
    String refundReason,
    BigDecimal refundAmount,
    String domain,
    List<StageView> history) {

  /** A stage and the day the deal entered it. */
  record StageView(String stage, LocalDate enteredOn) {}

  static OpportunityView of(Opportunity o) {
    return of(o, null);
  }

  static OpportunityView of(Opportunity o, List<OpportunityRepository.StageEntry> history) {
    return new OpportunityView(
        o.id(),
        o.leadId(),
        o.company(),
        o.industry(),
        o.region(),
        o.channel(),
        o.campaign(),
        o.intent(),
        o.sizeBand(),
        o.repEmail(),
        o.repName(),
        o.team(),
        o.plan(),
        o.seats(),
        o.amount(),
        o.stage().wireName(),
        o.openedOn(),
        o.closedOn(),
        o.closedOn() == null ? null : o.cycleDays(),
        o.lostReason(),
        o.refundedOn(),
        o.refundReason(),
        o.refundAmount(),
        o.domain(),
        history == null
            ? null
            : history.stream()
                .map(e -> new StageView(e.stage().wireName(), e.enteredOn()))
                .toList());
  }

  static final CsvResponse<OpportunityView> CSV =
      new CsvResponse<OpportunityView>()
          .col("id", OpportunityView::id)
          .col("leadId", OpportunityView::leadId)
          .col("company", OpportunityView::company)
          .col("industry", OpportunityView::industry)
          .col("region", OpportunityView::region)
          .col("channel", OpportunityView::channel)
          .col("campaign", OpportunityView::campaign)
          .col("intent", OpportunityView::intent)
          .col("sizeBand", OpportunityView::sizeBand)
          .col("rep", OpportunityView::rep)
          .col("team", OpportunityView::team)
          .col("plan", OpportunityView::plan)
          .col("seats", OpportunityView::seats)
          .col("amount", OpportunityView::amount)
          .col("stage", OpportunityView::stage)
          .col("openedOn", OpportunityView::openedOn)
          .col("closedOn", OpportunityView::closedOn)
          .col("cycleDays", OpportunityView::cycleDays)
          .col("lostReason", OpportunityView::lostReason)
          .col("refundedOn", OpportunityView::refundedOn)
          .col("refundReason", OpportunityView::refundReason)
          .col("refundAmount", OpportunityView::refundAmount)
          .col("domain", OpportunityView::domain);
}
