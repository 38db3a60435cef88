package dev.switchboard.console.success;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ops.success.CaseRepository;
import dev.switchboard.ops.success.CustomerFactsSource;
import dev.switchboard.ops.success.FeedbackInbox;
import dev.switchboard.ops.success.HealthHistory;
import dev.switchboard.ops.success.HelpCenter;
import dev.switchboard.ops.success.Journey;
import dev.switchboard.ops.success.PaymentPunctuality;
import dev.switchboard.ops.success.Renewals;
import dev.switchboard.ops.success.StoryRepository;
import dev.switchboard.ops.success.SuccessSettings;
import dev.switchboard.ops.success.SurveyRepository;
import dev.switchboard.ops.success.TaskRepository;
import dev.switchboard.ops.success.Tiers;
import dev.switchboard.store.Database;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/**
 * The success department's routes under {@code /api/v1/success} and {@code /api/v1/help}: wires the
 * department's services once and hands each area of the API its part.
 */
public final class SuccessRoutes {

  private SuccessRoutes() {}

  public static void register(JavalinConfig cfg, Database db, ObjectMapper mapper, Clock clock) {
    RoutesConfig r = cfg.routes;
    SuccessSettings settings = new SuccessSettings(db, clock);
    HealthHistory history = new HealthHistory(db, settings);
    CaseRepository cases = new CaseRepository(db, clock);
    TaskRepository tasks = new TaskRepository(db, clock);
    HelpCenter help = new HelpCenter(db, clock);
    CustomerFactsSource facts = SuccessSources.facts();
    Tiers tiers = new Tiers(db, facts, clock);
    SurveyRepository surveys = new SurveyRepository(db, clock);
    FeedbackInbox feedback = new FeedbackInbox(db, facts, clock);
    StoryRepository stories = new StoryRepository(db, clock);
    Renewals renewals = new Renewals(db, settings, SuccessSources.termEnds(), clock);
    Journey journey = new Journey(db, SuccessSources.journey());
    PaymentPunctuality payments = SuccessSources.payments();
    new HealthRoutes(db, mapper, clock, settings, history, payments).register(r);
    new CustomerOverviewRoutes(
            db, clock, settings, history, renewals, surveys, tiers, cases, tasks, stories, journey)
        .register(r);
    new CaseRoutes(mapper, clock, cases, tasks).register(r);
    new TierRoutes(mapper, tiers).register(r);
    new VoiceRoutes(mapper, surveys, feedback, stories).register(r);
    new RenewalRoutes(db, mapper, clock, settings, renewals).register(r);
    new HelpRoutes(mapper, help).register(r);
  }
}
