package dev.switchboard.console.marketing;

import dev.switchboard.console.http.CsvResponse;
import dev.switchboard.console.http.QueryString;
import dev.switchboard.ops.marketing.Campaign;
import dev.switchboard.ops.marketing.CampaignRepository;
import dev.switchboard.ops.marketing.Channel;
import dev.switchboard.ops.marketing.ChannelKind;
import dev.switchboard.ops.marketing.ChannelRepository;
import dev.switchboard.ops.marketing.FunnelQuery;
import dev.switchboard.ops.marketing.FunnelRow;
import dev.switchboard.ops.marketing.IntentRule;
import dev.switchboard.ops.marketing.IntentRules;
import dev.switchboard.store.InvalidValueException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code /api/v1/marketing/channels}, {@code /campaigns} and {@code /intent-rules}. */
final class CampaignRoutes {

  private static final String BASE = "/api/v1/marketing";

  record ChannelBody(String code, String name, String kind, List<String> utmAliases) {}

  record CampaignBody(
      String code,
      String name,
      String channel,
      LocalDate startsOn,
      LocalDate endsOn,
      String content,
      String owner,
      BigDecimal budget,
      BigDecimal actualCost,
      Integer leadGoal,
      Integer wonGoal) {
    Campaign campaign(String code) {
      return new Campaign(
          code,
          name,
          channel,
          startsOn,
          endsOn,
          content,
          owner,
          budget,
          actualCost,
          leadGoal,
          wonGoal,
          null);
    }
  }

  record RetroBody(String worked, String change) {}

  /** A campaign with the funnel of its leads: results pulled from what it produced. */
  record CampaignView(Campaign campaign, FunnelRow funnel) {}

  record RuleBody(
      Integer priority,
      String grade,
      String channel,
      String channelKind,
      String industry,
      Integer minSeats,
      Boolean needsCompany) {}

  record RulesBody(List<RuleBody> rules) {
    /** The rules in priority order as given, or a 400 naming the first bad one. */
    List<IntentRule> intentRules() {
      if (rules == null) {
        throw new InvalidValueException("rules", "rules is required");
      }
      List<IntentRule> list = new ArrayList<>();
      for (int i = 0; i < rules.size(); i++) {
        RuleBody r = rules.get(i);
        String at = "rules[" + i + "].";
        if (r.grade() == null || r.grade().length() != 1) {
          throw new InvalidValueException(at + "grade", "grade must be A, B, C or D");
        }
        list.add(
            new IntentRule(
                0,
                r.priority() == null ? (i + 1) * 10 : r.priority(),
                Character.toUpperCase(r.grade().charAt(0)),
                r.channel(),
                r.channelKind() == null ? null : ChannelKind.parse(r.channelKind()),
                r.industry(),
                r.minSeats(),
                Boolean.TRUE.equals(r.needsCompany())));
      }
      return list;
    }
  }

  record Regraded(int changed) {}

  private final ChannelRepository channels;
  private final CampaignRepository campaigns;
  private final FunnelQuery funnel;
  private final IntentRules rules;
  private final Http http;

  CampaignRoutes(
      ChannelRepository channels,
      CampaignRepository campaigns,
      FunnelQuery funnel,
      IntentRules rules,
      Http http) {
    this.channels = channels;
    this.campaigns = campaigns;
    this.funnel = funnel;
    this.rules = rules;
    this.http = http;
  }

  void register(RoutesConfig r) {
    r.get(BASE + "/channels", this::listChannels);
    r.post(BASE + "/channels", this::createChannel);
    r.patch(BASE + "/channels/{code}", this::changeChannel);
    r.get(BASE + "/campaigns", this::listCampaigns);
    r.post(BASE + "/campaigns", this::createCampaign);
    r.get(
        BASE + "/campaigns/{code}",
        ctx -> {
          String code = ctx.pathParam("code");
          http.json(ctx, new CampaignView(campaigns.get(code), funnel.campaign(code)));
        });
    r.put(BASE + "/campaigns/{code}", this::replaceCampaign);
    r.put(BASE + "/campaigns/{code}/retrospective", this::retrospective);
    r.get(BASE + "/intent-rules", ctx -> http.json(ctx, rules.list()));
    r.put(BASE + "/intent-rules", this::replaceRules);
    r.post(BASE + "/intent-rules/regrade", ctx -> http.json(ctx, new Regraded(rules.regrade())));
  }

  private void listChannels(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of());
    List<Channel> all = channels.list();
    if (q.csv()) {
      CsvResponse.send(
          ctx,
          "channels",
          List.of("code", "name", "kind", "utm_aliases", "builtin"),
          all,
          c ->
              List.of(
                  c.code(),
                  c.name(),
                  c.kind().wireName(),
                  String.join(" ", c.utmAliases()),
                  Boolean.toString(c.builtin())));
      return;
    }
    http.json(ctx, all);
  }

  private void createChannel(Context ctx) {
    ChannelBody b = http.body(ctx, ChannelBody.class);
    if (b.kind() == null) {
      throw new InvalidValueException("kind", "kind is required");
    }
    Channel c = channels.create(b.code(), b.name(), ChannelKind.parse(b.kind()), b.utmAliases());
    http.json(ctx, 201, c);
  }

  private void changeChannel(Context ctx) {
    ChannelBody b = http.body(ctx, ChannelBody.class);
    if (b.code() != null || b.kind() != null) {
      throw new InvalidValueException(
          b.code() != null ? "code" : "kind", "only name and utmAliases can change");
    }
    http.json(ctx, channels.update(ctx.pathParam("code"), b.name(), b.utmAliases()));
  }

  private void listCampaigns(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of("channel"));
    List<Campaign> all = campaigns.list(q.text("channel"));
    if (q.csv()) {
      CsvResponse.send(
          ctx,
          "campaigns",
          List.of(
              "code",
              "name",
              "channel",
              "starts_on",
              "ends_on",
              "owner",
              "budget",
              "actual_cost",
              "lead_goal",
              "won_goal",
              "retro_worked",
              "retro_change"),
          all,
          c ->
              java.util.Arrays.asList(
                  c.code(),
                  c.name(),
                  c.channel(),
                  c.startsOn().toString(),
                  c.endsOn().toString(),
                  c.ownerEmail(),
                  c.budget().toPlainString(),
                  c.actualCost().toPlainString(),
                  Http.str(c.leadGoal()),
                  Http.str(c.wonGoal()),
                  c.retrospective() == null ? null : c.retrospective().worked(),
                  c.retrospective() == null ? null : c.retrospective().change()));
      return;
    }
    http.json(ctx, all);
  }

  private void createCampaign(Context ctx) {
    CampaignBody b = http.body(ctx, CampaignBody.class);
    Campaign c = campaigns.create(b.campaign(b.code()));
    ctx.header("Location", BASE + "/campaigns/" + c.code());
    http.json(ctx, 201, c);
  }

  private void replaceCampaign(Context ctx) {
    CampaignBody b = http.body(ctx, CampaignBody.class);
    String code = ctx.pathParam("code");
    if (b.code() != null && !b.code().equals(code)) {
      throw new InvalidValueException("code", "code cannot change");
    }
    http.json(ctx, campaigns.update(b.campaign(code)));
  }

  private void retrospective(Context ctx) {
    RetroBody b = http.body(ctx, RetroBody.class);
    http.json(ctx, campaigns.retrospective(ctx.pathParam("code"), b.worked(), b.change()));
  }

  private void replaceRules(Context ctx) {
    http.json(ctx, rules.replace(http.body(ctx, RulesBody.class).intentRules()));
  }
}
