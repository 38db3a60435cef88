package dev.switchboard.ops.sales;

import dev.switchboard.store.Database;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The read side of sales: the board, the leaderboards and the breakdown, from the stored deals. */
public final class SalesReports {

  /** One column of the pipeline board: an open stage, its deals and their total. */
  public record Column(Stage stage, int count, BigDecimal amount, List<Opportunity> deals) {}

  private final OpportunityRepository deals;
  private final RepRepository reps;
  private final ReferralRepository referrals;

  public SalesReports(Database db, Clock clock) {
    this.deals = new OpportunityRepository(db.jdbi(), clock);
    this.reps = new RepRepository(db.jdbi(), clock);
    this.referrals = new ReferralRepository(db.jdbi(), clock);
  }

  /** The open deals in one column per open stage, oldest first within a column. */
  public List<Column> board(String team) {
    List<Opportunity> open =
        deals.list(new OpportunityRepository.Filter(null, null, team, Boolean.TRUE));
    List<Column> out = new ArrayList<>();
    for (Stage s : Stage.OPEN) {
      List<Opportunity> in =
          open.stream()
              .filter(d -> d.stage() == s)
              .sorted(java.util.Comparator.comparing(Opportunity::openedOn))
              .toList();
      BigDecimal total =
          in.stream().map(Opportunity::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
      out.add(new Column(s, in.size(), total, in));
    }
    return out;
  }

  public List<RepScore> leaderboard(Period period) {
    return RepKpis.perRep(reps.list(), deals.list(OpportunityRepository.Filter.ALL), period);
  }

  public List<RepScore> teams(Period period) {
    return RepKpis.perTeam(reps.list(), deals.list(OpportunityRepository.Filter.ALL), period);
  }

  /** Referrals are counted to the end of the period (or today for an open-ended one). */
  public List<Breakdown.Row> breakdown(Breakdown.Dimension by, Period period, LocalDate today) {
    LocalDate asOf = period.to().isAfter(today) ? today : period.to();
    return Breakdown.of(
        deals.list(OpportunityRepository.Filter.ALL), by, period, referrals.countsByDomain(asOf));
  }
}
