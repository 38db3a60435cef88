package dev.switchboard.console.success;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.JsonBody;
import dev.switchboard.console.success.Views.AtRiskView;
import dev.switchboard.console.success.Views.CaseView;
import dev.switchboard.console.success.Views.FeedbackView;
import dev.switchboard.console.success.Views.InboxView;
import dev.switchboard.console.success.Views.Items;
import dev.switchboard.console.success.Views.ModelView;
import dev.switchboard.console.success.Views.MovementView;
import dev.switchboard.console.success.Views.ScoreView;
import dev.switchboard.console.success.Views.TierView;
import dev.switchboard.console.web.Caller;
import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.ops.customer.UsageRollup;
import dev.switchboard.ops.customer.UsageWeeks;
import dev.switchboard.ops.success.CaseKind;
import dev.switchboard.ops.success.CasePriority;
import dev.switchboard.ops.success.CaseRepository;
import dev.switchboard.ops.success.CaseStatus;
import dev.switchboard.ops.success.CustomerFactsSource;
import dev.switchboard.ops.success.FeedbackInbox;
import dev.switchboard.ops.success.FeedbackKind;
import dev.switchboard.ops.success.HealthHistory;
import dev.switchboard.ops.success.HealthModel;
import dev.switchboard.ops.success.HealthRun;
import dev.switchboard.ops.success.HealthSignal;
import dev.switchboard.ops.success.HelpCenter;
import dev.switchboard.ops.success.Journey;
import dev.switchboard.ops.success.NewCase;
import dev.switchboard.ops.success.PaymentPunctuality;
import dev.switchboard.ops.success.ReferralAsks;
import dev.switchboard.ops.success.Renewals;
import dev.switchboard.ops.success.StoryRepository;
import dev.switchboard.ops.success.SuccessSettings;
import dev.switchboard.ops.success.SurveyRepository;
import dev.switchboard.ops.success.TaskRepository;
import dev.switchboard.ops.success.TierRule;
import dev.switchboard.ops.success.Tiers;
import dev.switchboard.store.Database;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.staff.Role;
import dev.switchboard.store.tenant.TenantRepository;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The success department's routes under {@code /api/v1/success} and {@code /api/v1/help}. */
public final class SuccessRoutes {

  private final Database db;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final SuccessSettings settings;
  private final HealthHistory history;
  private final CaseRepository cases;
  private final TaskRepository tasks;
  private final HelpCenter help;
  private final Tiers tiers;
  private final SurveyRepository surveys;
  private final FeedbackInbox feedback;
  private final StoryRepository stories;
  private final Renewals renewals;
  private final Journey journey;
  private final PaymentPunctuality payments;

  private SuccessRoutes(Database db, ObjectMapper mapper, Clock clock) {
    this.db = db;
    this.mapper = mapper;
    this.clock = clock;
    this.settings = new SuccessSettings(db, clock);
    this.history = new HealthHistory(db, settings);
    this.cases = new CaseRepository(db, clock);
    this.tasks = new TaskRepository(db, clock);
    this.help = new HelpCenter(db, clock);
    CustomerFactsSource facts = SuccessSources.facts();
    this.tiers = new Tiers(db, facts, clock);
    this.surveys = new SurveyRepository(db, clock);
    this.feedback = new FeedbackInbox(db, facts, clock);
    this.stories = new StoryRepository(db, clock);
    this.renewals = new Renewals(db, settings, SuccessSources.termEnds(), clock);
    this.journey = new Journey(db, SuccessSources.journey());
    this.payments = SuccessSources.payments();
  }

  public static void register(JavalinConfig cfg, Database db, ObjectMapper mapper, Clock clock) {
    new SuccessRoutes(db, mapper, clock).register(cfg.routes);
  }

  private void register(RoutesConfig r) {
    String s = "/api/v1/success";
    r.get(s + "/overview", this::overview);
    r.get(s + "/health/model", ctx -> ctx.json(ModelView.of(settings.healthModel())));
    r.put(s + "/health/model", this::saveModel);
    r.get(s + "/health/at-risk", this::atRisk);
    r.post(s + "/health/runs", this::healthRun);
    r.get(s + "/customers/{domain}", this::customer);
    r.get(s + "/customers/{domain}/journey", ctx -> ctx.json(journey.of(ctx.pathParam("domain"))));
    r.get(s + "/cases", this::listCases);
    r.post(s + "/cases", this::openCase);
    r.get(s + "/cases/{id}", this::getCase);
    r.post(s + "/cases/{id}/transitions", this::transition);
    r.put(s + "/cases/{id}/owner", this::assign);
    r.get(s + "/tasks", this::listTasks);
    r.post(s + "/tasks/{id}/done", this::taskDone);
    r.get(
        s + "/tiers",
        ctx -> ctx.json(new Items<>(tiers.rules().stream().map(TierView::of).toList())));
    r.put(s + "/tiers/{code}", this::saveTier);
    r.delete(s + "/tiers/{code}", this::deleteTier);
    r.post(s + "/tiers/runs", ctx -> ctx.json(tiers.run()));
    r.get(s + "/surveys", this::listSurveys);
    r.post(s + "/surveys", this::recordSurvey);
    r.get(s + "/feedback", this::inbox);
    r.post(s + "/feedback", this::submitFeedback);
    r.put(s + "/feedback/{id}", this::updateFeedback);
    r.get(s + "/stories", this::listStories);
    r.post(s + "/stories", this::createStory);
    r.put(s + "/stories/{id}", this::updateStory);
    r.get(s + "/renewals", this::renewalsDue);
    r.get(s + "/renewals/lead-days", ctx -> ctx.json(new LeadDays(settings.renewalLeadDays())));
    r.put(s + "/renewals/lead-days", this::saveLeadDays);
    r.post(s + "/renewals/reminders", this::remind);
    r.get(s + "/renewals/study", ctx -> ctx.json(new Items<>(renewals.study(today()))));
    r.post(s + "/referrals/asks", this::referralAsks);
    String h = "/api/v1/help";
    r.get(h + "/categories", ctx -> ctx.json(new Items<>(help.categories())));
    r.post(h + "/categories", this::createCategory);
    r.get(h + "/articles", this::articles);
    r.post(h + "/articles", this::createArticle);
    r.get(h + "/articles/{id}", this::article);
    r.put(h + "/articles/{id}", this::updateArticle);
    r.post(h + "/articles/{id}/uses", ctx -> ctx.json(help.use(Query.id(ctx))));
  }

  private LocalDate today() {
    return BusinessCalendar.today(clock.instant());
  }

  private static String actor(Context ctx) {
    return Caller.of(ctx) instanceof Caller.Staff st ? st.user().email() : "operator";
  }

  // --- health

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
    Query.of(ctx, Set.of());
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

  private void saveModel(Context ctx) {
    JsonBody b =
        JsonBody.parseOrEmpty(
            mapper,
            ctx.bodyAsBytes(),
            Set.of("weights", "fullAt", "redMax", "yellowMax", "windowWeeks"));
    HealthModel current = settings.healthModel();
    Map<HealthSignal, Integer> weights = new EnumMap<>(current.weights());
    Map<HealthSignal, Double> full = new EnumMap<>(current.fullAt());
    JsonNode w = b.objectTree("weights");
    if (w != null) {
      for (Map.Entry<String, JsonNode> e : w.properties()) {
        if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToInt()) {
          throw new InvalidValueException(
              "weights", "weights." + e.getKey() + " must be an integer");
        }
        weights.put(HealthSignal.parse(e.getKey()), e.getValue().intValue());
      }
    }
    JsonNode f = b.objectTree("fullAt");
    if (f != null) {
      for (Map.Entry<String, JsonNode> e : f.properties()) {
        if (!e.getValue().isNumber()) {
          throw new InvalidValueException("fullAt", "fullAt." + e.getKey() + " must be a number");
        }
        full.put(HealthSignal.parse(e.getKey()), e.getValue().doubleValue());
      }
    }
    HealthModel m =
        new HealthModel(
            weights,
            full,
            Objects.requireNonNullElse(b.integer("redMax"), current.redMax()),
            Objects.requireNonNullElse(b.integer("yellowMax"), current.yellowMax()),
            Objects.requireNonNullElse(b.integer("windowWeeks"), current.windowWeeks()));
    ctx.json(ModelView.of(settings.saveHealthModel(m)));
  }

  private void atRisk(Context ctx) {
    Query q = Query.of(ctx, Set.of("week", "maxScore", "limit"));
    LocalDate week = q.date("week");
    if (week == null) {
      week = history.latestWeek().orElse(BusinessCalendar.weekStart(today()));
    }
    int max = q.integer("maxScore", settings.healthModel().yellowMax(), 0, 100);
    int limit = q.integer("limit", 50, 1, 500);
    ctx.json(
        new Items<>(
            history.atRisk(BusinessCalendar.weekStart(week), max, limit).stream()
                .map(AtRiskView::of)
                .toList()));
  }

  record RunResult(LocalDate weekStart, Integer rolledUp, HealthRun.Summary scores) {}

  private void healthRun(Context ctx) {
    JsonBody b =
        JsonBody.parseOrEmpty(mapper, ctx.bodyAsBytes(), Set.of("week", "domain", "rollup"));
    LocalDate week =
        b.hasValue("week")
            ? Query.parseDate("week", b.text("week"))
            : BusinessCalendar.weekStart(today());
    Long tenant = null;
    if (b.hasValue("domain")) {
      String d = b.text("domain");
      tenant =
          db.jdbi()
              .withHandle(hd -> TenantRepository.idOf(hd, d))
              .orElseThrow(() -> new NotFoundException("domain", "no tenant " + d));
    }
    Integer rolled =
        Objects.requireNonNullElse(b.bool("rollup"), true)
            ? new UsageRollup(db).rollup(week)
            : null;
    HealthRun.Summary s = new HealthRun(db, settings, payments, clock).run(week, tenant);
    ctx.json(new RunResult(BusinessCalendar.weekStart(week), rolled, s));
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
    Query.of(ctx, Set.of());
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

  // --- cases

  private void listCases(Context ctx) {
    Query q = Query.of(ctx, Set.of("status", "kind", "domain", "limit"));
    CaseStatus status = q.text("status") == null ? null : CaseStatus.parse(q.text("status"));
    CaseKind kind = q.text("kind") == null ? null : CaseKind.parse(q.text("kind"));
    var now = clock.instant();
    ctx.json(
        new Items<>(
            cases.list(status, kind, q.text("domain"), q.integer("limit", 200, 1, 1000)).stream()
                .map(c -> CaseView.of(c, now))
                .toList()));
  }

  private void openCase(Context ctx) {
    JsonBody b =
        JsonBody.parseOrEmpty(
            mapper,
            ctx.bodyAsBytes(),
            Set.of(
                "domain",
                "kind",
                "subject",
                "body",
                "contactName",
                "contactEmail",
                "priority",
                "ownerEmail"));
    var c =
        cases.open(
            new NewCase(
                b.requiredText("domain"),
                CaseKind.parse(b.requiredText("kind")),
                b.requiredText("subject"),
                b.text("body"),
                b.text("contactName"),
                b.text("contactEmail"),
                b.hasValue("priority") ? CasePriority.parse(b.text("priority")) : null,
                b.text("ownerEmail")));
    ctx.status(HttpStatus.CREATED).json(CaseView.of(c, clock.instant()));
  }

  record CaseDetail(CaseView item, List<dev.switchboard.ops.success.CaseEvent> history) {}

  private void getCase(Context ctx) {
    long id = Query.id(ctx);
    ctx.json(new CaseDetail(CaseView.of(cases.get(id), clock.instant()), cases.history(id)));
  }

  private void transition(Context ctx) {
    long id = Query.id(ctx);
    JsonBody b = JsonBody.parseOrEmpty(mapper, ctx.bodyAsBytes(), Set.of("status", "note"));
    var c =
        cases.transition(
            id, CaseStatus.parse(b.requiredText("status")), b.text("note"), actor(ctx));
    ctx.json(new CaseDetail(CaseView.of(c, clock.instant()), cases.history(id)));
  }

  private void assign(Context ctx) {
    long id = Query.id(ctx);
    JsonBody b = JsonBody.parseOrEmpty(mapper, ctx.bodyAsBytes(), Set.of("ownerEmail"));
    ctx.json(CaseView.of(cases.assign(id, b.requiredText("ownerEmail")), clock.instant()));
  }

  private void listTasks(Context ctx) {
    Query q = Query.of(ctx, Set.of("status", "kind", "limit"));
    ctx.json(
        new Items<>(
            tasks.list(q.text("status"), q.text("kind"), null, q.integer("limit", 200, 1, 1000))));
  }

  private void taskDone(Context ctx) {
    tasks.complete(Query.id(ctx));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  // --- tiers, surveys, feedback, stories

  private void saveTier(Context ctx) {
    JsonBody b =
        JsonBody.parseOrEmpty(
            mapper,
            ctx.bodyAsBytes(),
            Set.of(
                "name",
                "level",
                "minAnnualSpend",
                "minTenureMonths",
                "minReferrals",
                "minValuableFeedback",
                "service",
                "minCasePriority"));
    TierRule rule =
        new TierRule(
            ctx.pathParam("code"),
            b.requiredText("name"),
            Objects.requireNonNullElse(b.integer("level"), 1),
            b.decimal("minAnnualSpend") == null
                ? java.math.BigDecimal.ZERO
                : b.decimal("minAnnualSpend"),
            Objects.requireNonNullElse(b.integer("minTenureMonths"), 0),
            Objects.requireNonNullElse(b.integer("minReferrals"), 0),
            Objects.requireNonNullElse(b.integer("minValuableFeedback"), 0),
            b.requiredText("service"),
            b.hasValue("minCasePriority")
                ? CasePriority.parse(b.text("minCasePriority"))
                : CasePriority.LOW);
    ctx.json(TierView.of(tiers.save(rule)));
  }

  private void deleteTier(Context ctx) {
    tiers.delete(ctx.pathParam("code"));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private void listSurveys(Context ctx) {
    Query q = Query.of(ctx, Set.of("domain", "limit"));
    ctx.json(new Items<>(surveys.list(q.text("domain"), q.integer("limit", 100, 1, 1000))));
  }

  private void recordSurvey(Context ctx) {
    JsonBody b =
        JsonBody.parseOrEmpty(
            mapper,
            ctx.bodyAsBytes(),
            Set.of("domain", "contactEmail", "kind", "score", "comment", "caseId"));
    Integer score = b.integer("score");
    if (score == null) {
      throw new InvalidValueException("score", "score is required");
    }
    Integer caseId = b.integer("caseId");
    ctx.status(HttpStatus.CREATED)
        .json(
            surveys.record(
                b.requiredText("domain"),
                b.requiredText("contactEmail"),
                b.requiredText("kind"),
                score,
                b.text("comment"),
                caseId == null ? null : caseId.longValue(),
                null));
  }

  private void inbox(Context ctx) {
    Query q = Query.of(ctx, Set.of("status", "kind"));
    FeedbackKind kind = q.text("kind") == null ? null : FeedbackKind.parse(q.text("kind"));
    ctx.json(
        new Items<>(feedback.inbox(q.text("status"), kind).stream().map(InboxView::of).toList()));
  }

  private void submitFeedback(Context ctx) {
    JsonBody b =
        JsonBody.parseOrEmpty(
            mapper, ctx.bodyAsBytes(), Set.of("domain", "source", "sourceRef", "content"));
    ctx.status(HttpStatus.CREATED)
        .json(
            FeedbackView.of(
                feedback.submit(
                    b.text("domain"),
                    b.hasValue("source") ? b.text("source") : "manual",
                    b.text("sourceRef"),
                    b.requiredText("content"),
                    null)));
  }

  private void updateFeedback(Context ctx) {
    long id = Query.id(ctx);
    JsonBody b =
        JsonBody.parseOrEmpty(
            mapper, ctx.bodyAsBytes(), Set.of("status", "valuable", "kind", "keyword"));
    if (b.hasValue("kind")) {
      feedback.correct(id, FeedbackKind.parse(b.text("kind")), b.text("keyword"));
    }
    ctx.json(FeedbackView.of(feedback.update(id, b.text("status"), b.bool("valuable"))));
  }

  private void listStories(Context ctx) {
    Query q = Query.of(ctx, Set.of("forMarketing", "similarTo"));
    if (q.text("similarTo") != null) {
      ctx.json(new Items<>(stories.similarTo(q.text("similarTo"))));
      return;
    }
    ctx.json(new Items<>(stories.list("true".equals(q.text("forMarketing")))));
  }

  private void createStory(Context ctx) {
    JsonBody b =
        JsonBody.parseOrEmpty(
            mapper,
            ctx.bodyAsBytes(),
            Set.of("domain", "title", "practice", "publish", "forMarketing"));
    ctx.status(HttpStatus.CREATED)
        .json(
            stories.create(
                b.requiredText("domain"),
                b.requiredText("title"),
                b.requiredText("practice"),
                Objects.requireNonNullElse(b.bool("publish"), false),
                Objects.requireNonNullElse(b.bool("forMarketing"), false),
                null));
  }

  private void updateStory(Context ctx) {
    JsonBody b = JsonBody.parseOrEmpty(mapper, ctx.bodyAsBytes(), Set.of("status", "forMarketing"));
    ctx.json(
        stories.update(
            Query.id(ctx),
            b.requiredText("status"),
            Objects.requireNonNullElse(b.bool("forMarketing"), false)));
  }

  // --- renewals and referrals

  record LeadDays(List<Integer> leadDays) {}

  record Created(int created) {}

  private void renewalsDue(Context ctx) {
    Query q = Query.of(ctx, Set.of("days"));
    ctx.json(new Items<>(renewals.due(today(), q.integer("days", 90, 1, 366))));
  }

  private void saveLeadDays(Context ctx) {
    JsonBody b = JsonBody.parseOrEmpty(mapper, ctx.bodyAsBytes(), Set.of("leadDays"));
    List<Integer> days = b.integers("leadDays");
    if (days == null) {
      throw new InvalidValueException("leadDays", "leadDays is required");
    }
    ctx.json(new LeadDays(settings.saveRenewalLeadDays(days)));
  }

  private void remind(Context ctx) {
    JsonBody b = JsonBody.parseOrEmpty(mapper, ctx.bodyAsBytes(), Set.of("date"));
    LocalDate day = b.hasValue("date") ? Query.parseDate("date", b.text("date")) : today();
    ctx.json(new Created(renewals.remind(day)));
  }

  private void referralAsks(Context ctx) {
    JsonBody b = JsonBody.parseOrEmpty(mapper, ctx.bodyAsBytes(), Set.of("date"));
    LocalDate day = b.hasValue("date") ? Query.parseDate("date", b.text("date")) : today();
    ctx.json(new Created(new ReferralAsks(db, clock).run(day)));
  }

  // --- help center

  private void createCategory(Context ctx) {
    JsonBody b =
        JsonBody.parseOrEmpty(
            mapper, ctx.bodyAsBytes(), Set.of("code", "nameEn", "nameZh", "sortNo"));
    ctx.status(HttpStatus.CREATED)
        .json(
            help.createCategory(
                b.requiredText("code"),
                b.requiredText("nameEn"),
                b.requiredText("nameZh"),
                Objects.requireNonNullElse(b.integer("sortNo"), 0)));
  }

  private static boolean tenantAdmin(Context ctx) {
    return Caller.of(ctx).role() == Role.TENANT_ADMIN;
  }

  private void articles(Context ctx) {
    Query q = Query.of(ctx, Set.of("category", "q", "kind", "limit"));
    boolean admin = tenantAdmin(ctx);
    String kind = admin ? "faq" : q.text("kind");
    if (kind != null && !kind.equals("faq") && !kind.equals("answer")) {
      throw new InvalidValueException("kind", "kind must be faq or answer");
    }
    if (q.text("q") != null) {
      ctx.json(new Items<>(help.search(q.text("q"), kind, admin, q.integer("limit", 20, 1, 200))));
    } else {
      ctx.json(new Items<>(help.list(kind, q.text("category"), admin)));
    }
  }

  private void article(Context ctx) {
    var a = help.get(Query.id(ctx));
    if (tenantAdmin(ctx) && (!a.published() || !a.kind().equals("faq"))) {
      throw new NotFoundException("id", "article " + a.id() + " not found");
    }
    ctx.json(a);
  }

  private void createArticle(Context ctx) {
    JsonBody b =
        JsonBody.parseOrEmpty(
            mapper, ctx.bodyAsBytes(), Set.of("category", "kind", "title", "body", "published"));
    ctx.status(HttpStatus.CREATED)
        .json(
            help.create(
                b.requiredText("category"),
                b.hasValue("kind") ? b.text("kind") : "faq",
                b.requiredText("title"),
                b.requiredText("body"),
                Objects.requireNonNullElse(b.bool("published"), true)));
  }

  private void updateArticle(Context ctx) {
    JsonBody b =
        JsonBody.parseOrEmpty(mapper, ctx.bodyAsBytes(), Set.of("title", "body", "published"));
    ctx.json(
        help.update(
            Query.id(ctx),
            b.requiredText("title"),
            b.requiredText("body"),
            Objects.requireNonNullElse(b.bool("published"), true)));
  }
}
