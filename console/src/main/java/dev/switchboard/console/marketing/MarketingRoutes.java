package dev.switchboard.console.marketing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ops.marketing.BillingReceipts;
import dev.switchboard.ops.marketing.CampaignRepository;
import dev.switchboard.ops.marketing.ChannelRanking;
import dev.switchboard.ops.marketing.ChannelRepository;
import dev.switchboard.ops.marketing.CompetitorRepository;
import dev.switchboard.ops.marketing.ContentLibrary;
import dev.switchboard.ops.marketing.FunnelQuery;
import dev.switchboard.ops.marketing.IntentRules;
import dev.switchboard.ops.marketing.LeadRepository;
import dev.switchboard.ops.marketing.TrialSignup;
import dev.switchboard.store.Database;
import io.javalin.config.JavalinConfig;
import java.time.Clock;

/**
 * The marketing department's routes under {@code /api/v1/marketing}, and the public trial sign-up
 * under {@code /api/public/trial}.
 */
public final class MarketingRoutes {

  private MarketingRoutes() {}

  public static void register(JavalinConfig cfg, Database db, ObjectMapper mapper, Clock clock) {
    var jdbi = db.jdbi();
    Http http = new Http(mapper);
    LeadRepository leads = new LeadRepository(jdbi, clock);
    ChannelRepository channels = new ChannelRepository(jdbi, clock);
    FunnelQuery funnel = new FunnelQuery(jdbi);
    new LeadRoutes(leads, http).register(cfg.routes);
    new LeadImports(leads, http).register(cfg.routes);
    new CampaignRoutes(
            channels, new CampaignRepository(jdbi, clock), funnel, new IntentRules(jdbi), http)
        .register(cfg.routes);
    new FunnelRoutes(
            funnel, new ChannelRanking(funnel, channels, new BillingReceipts(jdbi)), clock, http)
        .register(cfg.routes);
    new LibraryRoutes(new CompetitorRepository(jdbi, clock), new ContentLibrary(jdbi, clock), http)
        .register(cfg.routes);
    new TrialRoutes(new TrialSignup(jdbi, clock), new TrialGuard(clock), http).register(cfg.routes);
  }
}
