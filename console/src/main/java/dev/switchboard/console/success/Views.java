package dev.switchboard.console.success;

import dev.switchboard.ops.success.Feedback;
import dev.switchboard.ops.success.FeedbackInbox;
import dev.switchboard.ops.success.HealthHistory;
import dev.switchboard.ops.success.HealthModel;
import dev.switchboard.ops.success.HealthMovement;
import dev.switchboard.ops.success.HealthSignal;
import dev.switchboard.ops.success.ServiceCase;
import dev.switchboard.ops.success.TierRule;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON views of the success department's values: enums as their lower-case wire names. */
final class Views {

  private Views() {}

  record CaseView(
      long id,
      String domain,
      String kind,
      String subject,
      String body,
      String contactName,
      String contactEmail,
      String priority,
      String ownerEmail,
      String status,
      Instant openedAt,
      Instant responseDue,
      Instant resolveDue,
      Instant respondedAt,
      Instant resolvedAt,
      boolean breached,
      boolean overdue) {

    static CaseView of(ServiceCase c, Instant now) {
      boolean overdue =
          !c.status().isDone()
              && ((c.respondedAt() == null && now.isAfter(c.responseDue()))
                  || now.isAfter(c.resolveDue()));
      return new CaseView(
          c.id(),
          c.domain(),
          c.kind().wireName(),
          c.subject(),
          c.body(),
          c.contactName(),
          c.contactEmail(),
          c.priority().wireName(),
          c.ownerEmail(),
          c.status().wireName(),
          c.openedAt(),
          c.responseDue(),
          c.resolveDue(),
          c.respondedAt(),
          c.resolvedAt(),
          c.breached() || overdue,
          overdue);
    }
  }

  record ModelView(
      Map<String, Integer> weights,
      Map<String, Double> fullAt,
      int redMax,
      int yellowMax,
      int windowWeeks) {
    static ModelView of(HealthModel m) {
      Map<String, Integer> w = new LinkedHashMap<>();
      Map<String, Double> f = new LinkedHashMap<>();
      for (HealthSignal s : HealthSignal.values()) {
        w.put(s.code(), m.weights().get(s));
        f.put(s.code(), m.fullAt().get(s));
      }
      return new ModelView(w, f, m.redMax(), m.yellowMax(), m.windowWeeks());
    }
  }

  static Map<String, Double> points(Map<HealthSignal, Double> points) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (HealthSignal s : HealthSignal.values()) {
      if (points.containsKey(s)) {
        out.put(s.code(), points.get(s));
      }
    }
    return out;
  }

  record ScoreView(LocalDate weekStart, int score, String band, Map<String, Double> points) {
    static ScoreView of(HealthHistory.Scored s) {
      return new ScoreView(s.weekStart(), s.score(), s.band().wireName(), Views.points(s.points()));
    }
  }

  record MovementView(String signal, double before, double now, double delta) {
    static MovementView of(HealthMovement m) {
      return new MovementView(
          m.signal().code(), m.before(), m.now(), Math.round(m.delta() * 100) / 100.0);
    }

    static List<MovementView> of(List<HealthMovement> ms) {
      return ms.stream().map(MovementView::of).toList();
    }
  }

  record AtRiskView(
      String domain, String company, String owner, int score, String band, Integer change) {
    static AtRiskView of(HealthHistory.AtRisk r) {
      return new AtRiskView(
          r.domain(), r.company(), r.owner(), r.score(), r.band().wireName(), r.change());
    }
  }

  record TierView(
      String code,
      String name,
      int level,
      BigDecimal minAnnualSpend,
      int minTenureMonths,
      int minReferrals,
      int minValuableFeedback,
      String service,
      String minCasePriority) {
    static TierView of(TierRule r) {
      return new TierView(
          r.code(),
          r.name(),
          r.level(),
          r.minAnnualSpend(),
          r.minTenureMonths(),
          r.minReferrals(),
          r.minValuableFeedback(),
          r.service(),
          r.minCasePriority().wireName());
    }
  }

  record FeedbackView(
      long id,
      String domain,
      String source,
      String sourceRef,
      String kind,
      String classifiedBy,
      String content,
      Long duplicateOf,
      String status,
      boolean valuable,
      Instant createdAt) {
    static FeedbackView of(Feedback f) {
      return new FeedbackView(
          f.id(),
          f.domain(),
          f.source(),
          f.sourceRef(),
          f.kind().wireName(),
          f.classifiedBy(),
          f.content(),
          f.duplicateOf(),
          f.status(),
          f.valuable(),
          f.createdAt());
    }
  }

  record InboxView(
      FeedbackView first,
      int reports,
      int customers,
      BigDecimal revenueAtStake,
      List<String> domains) {
    static InboxView of(FeedbackInbox.InboxItem i) {
      return new InboxView(
          FeedbackView.of(i.first()), i.reports(), i.customers(), i.revenueAtStake(), i.domains());
    }
  }

  /** A list under "items", like the rest of the API's listings. */
  record Items<T>(List<T> items) {}
}
