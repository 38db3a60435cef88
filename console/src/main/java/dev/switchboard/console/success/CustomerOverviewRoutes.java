package dev.switchboard.console.success;

import dev.switchboard.console.http.QueryString;
import dev.switchboard.console.success.Views.AtRiskView;
import dev.switchboard.console.success.Views.CaseView;
import dev.switchboard.console.success.Views.MovementView;
import dev.switchboard.console.success.Views.ScoreView;
import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.ops.customer.UsageWeeks;
import dev.switchboard.ops.success.CaseRepository;
import dev.switchboard.ops.success.HealthHistory;
import dev.switchboard.ops.success.HealthModel;
import dev.switchboard.ops.success.Journey;
import dev.switchboard.ops.success.Renewals;
import dev.switchboard.ops.success.StoryRepository;
import dev.switchboard.ops.success.SuccessSettings;
import dev.switchboard.ops.success.SurveyRepository;
import dev.switchboard.ops.success.TaskRepository;
import dev.switchboard.ops.success.Tiers;
import dev.switchboard.store.Database;
import dev.switchboard.store.tenant.TenantRepository;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The success overview and one customer's 360° view with its journey. */
final class CustomerOverviewRoutes {

  private final Database db;
  private final Clock clock;
  private final SuccessSettings settings;
  private final HealthHistory history;
  private final Renewals renewals;
  private final SurveyRepository surveys;
  private final Tiers tiers;
  private final CaseRepository cases;
  private final TaskRepository tasks;
  private final StoryRepository stories;
  private final Journey journey;

  CustomerOverviewRoutes(
      Database db,
      Clock clock,
      SuccessSettings settings,
      HealthHistory history,
      Renewals renewals,
      SurveyRepository surveys,
      Tiers tiers,
      CaseRepository cases,
      TaskRepository tasks,
      StoryRepository stories,
      Journey journey) {
    this.db = db;
    this.clock = clock;
    this.settings = settings;
    this.history = history;
    this.renewals = renewals;
    this.surveys = surveys;
    this.tiers = tiers;
    this.cases = cases;
    this.tasks = tasks;
    this.stories = stories;
    this.journey = journey;
  }

  void register(RoutesConfig r) {
    String s = "/api/v1/success";
    r.get(s + "/overview", this::overview);
    r.get(s + "/customers/{domain}", this::customer);
    r.get(s + "/customers/{domain}/journey", ctx -> ctx.json(journey.of(ctx.pathParam("domain"))));
  }

  private LocalDate today() {
    return BusinessCalendar.today(clock.instant());
  }

  record Overview(
      LocalDate week,
      Map<String, Integer> distribution,
      List<AtRiskView> atRisk,
      List<Renewals.Due> renewalsDue,
      int openCases,
      int breachedCases,
      int openTasks,
      SurveyRepository.NpsSummary satisfaction) {}

  private void overview(Context ctx) {
    QueryString.of(ctx, Set.of());
    LocalDate week = history.latestWeek().orElse(BusinessCalendar.weekStart(today()));
    Map<String, Integer> dist = new LinkedHashMap<>();
    history.distribution(week).forEach((b, n) -> dist.put(b.wireName(), n));
    HealthModel model = settings.healthModel();
    List<AtRiskView> risk =
        history.atRisk(week, model.redMax(), 20).stream().map(AtRiskView::of).toList();
    int[] counts =
        db.jdbi()
            .withHandle(
                hd ->
                    hd.createQuery(
                            "SELECT (SELECT COUNT(*) FROM success_case WHERE status NOT IN"
                                + " ('resolved', 'closed')), (SELECT COUNT(*) FROM success_case"
                                + " WHERE breached = TRUE AND status NOT IN ('resolved', 'closed')),"
                                + " (SELECT COUNT(*) FROM success_task WHERE status = 'open')")
                        .map((rs, c) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)})
                        .one());
    ctx.json(
        new Overview(
            week,
            dist,
            risk,
            renewals.due(today(), 90).stream().limit(20).toList(),
            counts[0],
            counts[1],
            counts[2],
            surveys.summary(clock.instant().minusSeconds(90L * 86400))));
  }

  record Customer360(
      String domain,
      String name,
      String status,
      String industry,
      Map<String, Object> profile,
      ScoreView latest,
      List<ScoreView> trend,
      List<MovementView> moved,
      List<dev.switchboard.ops.customer.WeekSignals> usage,
      List<dev.switchboard.ops.success.TierChange> tierHistory,
      List<CaseView> cases,
      List<dev.switchboard.ops.success.Survey> surveys,
      List<dev.switchboard.ops.success.SuccessTask> tasks,
      List<dev.switchboard.ops.success.SuccessStory> similarStories) {}

  private void customer(Context ctx) {
    QueryString.of(ctx, Set.of());
    String domain = new TenantRepository(db.jdbi()).get(ctx.pathParam("domain")).domain();
    long id = db.jdbi().withHandle(hd -> TenantRepository.idOf(hd, domain)).orElseThrow();
    Map<String, Object> profile = new LinkedHashMap<>();
    Object[] tenant = new Object[3];
    db.jdbi()
        .useHandle(
            hd -> {
              hd.createQuery("SELECT name, status, industry FROM tenant WHERE id = :id")
                  .bind("id", id)
                  .map((rs, c) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                  .findOne()
                  .ifPresent(t -> System.arraycopy(t, 0, tenant, 0, 3));
              hd.createQuery(
                      "SELECT company, region, size_band, acquisition_channel, acquisition_campaign,"
                          + " acquired_on, owner_email, tier FROM customer_profile WHERE tenant_id ="
                          + " :id")
                  .bind("id", id)
                  .map(
                      (rs, c) -> {
                        String[] names = {
                          "company",
                          "region",
                          "sizeBand",
                          "channel",
                          "campaign",
                          "acquiredOn",
                          "owner",
                          "tier"
                        };
                        for (int i = 0; i < names.length; i++) {
                          Object v =
                              i == 5 ? rs.getObject(i + 1, LocalDate.class) : rs.getString(i + 1);
                          profile.put(names[i], v);
                        }
                        return 0;
                      })
                  .findOne();
            });
    List<ScoreView> trend = history.scores(id, 26).stream().map(ScoreView::of).toList();
    ScoreView latest = trend.isEmpty() ? null : trend.get(trend.size() - 1);
    List<MovementView> moved =
        latest == null ? List.of() : MovementView.of(history.movements(id, latest.weekStart()));
    var now = clock.instant();
    ctx.json(
        new Customer360(
            domain,
            (String) tenant[0],
            (String) tenant[1],
            (String) tenant[2],
            profile,
            latest,
            trend,
            moved,
            new UsageWeeks(db).weeks(id, BusinessCalendar.weekStart(today()).minusWeeks(25)),
            tiers.history(domain),
            cases.list(null, null, domain, 50).stream().map(c -> CaseView.of(c, now)).toList(),
            surveys.list(domain, 20),
            tasks.list(null, null, id, 50),
            stories.similarTo(domain)));
  }
}
