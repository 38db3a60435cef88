package dev.switchboard.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.pbx.GroupQueue;
import dev.switchboard.store.pbx.PbxRepository;
import dev.switchboard.store.pbx.PbxSettings;
import dev.switchboard.store.pbx.RingGroup;
import dev.switchboard.store.pbx.RingStrategy;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's PBX beyond its extensions: {@code .../dial-plan} (country and trunk prefixes, the
 * outbound route, emergency numbers and their route, the language of spoken prompts) and {@code
 * .../groups} (ring and hunt groups), read and changed by the tenant admin; the SIP side follows
 * through the directory change log.
 */
final class PbxRoutes {
  private static final Set<String> DIAL_PLAN =
      Set.of(
          "countryCode",
          "nationalPrefix",
          "internationalPrefix",
          "outboundRoute",
          "emergencyNumbers",
          "emergencyRoute",
          "voicemailUri",
          "presenceDomains",
          "promptLanguage");
  private static final Set<String> GROUP =
      Set.of(
          "number",
          "name",
          "strategy",
          "members",
          "memberRingSeconds",
          "totalRingSeconds",
          "finalDestination",
          "queue");
  private static final Set<String> QUEUE = Set.of("enabled", "maxWaitSeconds", "maxCallers");

  private final PbxRepository pbx;
  private final ObjectMapper mapper;

  PbxRoutes(PbxRepository pbx, ObjectMapper mapper) {
    this.pbx = pbx;
    this.mapper = mapper;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/tenants/{domain}/dial-plan", ctx -> ctx.json(dialPlan(settings(ctx))));
    routes.patch("/api/v1/tenants/{domain}/dial-plan", this::patchDialPlan);
    routes.get("/api/v1/tenants/{domain}/dial-plan/e164", this::e164);
    routes.get("/api/v1/tenants/{domain}/groups", this::groups);
    routes.post("/api/v1/tenants/{domain}/groups", this::createGroup);
    routes.get(
        "/api/v1/tenants/{domain}/groups/{number}",
        ctx -> ctx.json(view(pbx.group(ctx.pathParam("domain"), ctx.pathParam("number")))));
    routes.put("/api/v1/tenants/{domain}/groups/{number}", this::replaceGroup);
    routes.delete("/api/v1/tenants/{domain}/groups/{number}", this::deleteGroup);
  }

  private PbxSettings settings(Context ctx) {
    return pbx.settings(ctx.pathParam("domain"));
  }

  /** Changes the fields given; {@code null} clears one ({@code emergencyNumbers}: the defaults). */
  private void patchDialPlan(Context ctx) {
    JsonBody b = JsonBody.parse(mapper, ctx.bodyAsBytes(), DIAL_PLAN);
    PbxSettings s = settings(ctx);
    List<String> emergency = s.emergencyNumbers();
    if (b.has("emergencyNumbers")) {
      emergency = b.texts("emergencyNumbers");
      if (emergency == null) {
        emergency = PbxSettings.DEFAULT_EMERGENCY;
      }
    }
    List<String> presence = s.presenceDomains();
    if (b.has("presenceDomains")) {
      presence = b.texts("presenceDomains");
    }
    PbxSettings next =
        new PbxSettings(
            b.has("countryCode") ? b.text("countryCode") : s.countryCode(),
            b.has("nationalPrefix") ? b.text("nationalPrefix") : s.nationalPrefix(),
            b.has("internationalPrefix") ? b.text("internationalPrefix") : s.internationalPrefix(),
            b.has("outboundRoute") ? b.text("outboundRoute") : s.outboundRoute(),
            emergency,
            b.has("emergencyRoute") ? b.text("emergencyRoute") : s.emergencyRoute(),
            b.has("voicemailUri") ? b.text("voicemailUri") : s.voicemailUri(),
            presence,
            s.featureCodes(),
            b.has("promptLanguage") ? b.text("promptLanguage") : s.promptLanguage());
    ctx.json(dialPlan(pbx.saveSettings(ctx.pathParam("domain"), next)));
  }

  /** How the dial plan writes {@code ?number=} in E.164, for the admin to check the prefixes. */
  private void e164(Context ctx) {
    String number = ctx.queryParam("number");
    if (number == null
        || number.isBlank()
        || !PbxSettings.visualSeparatorsRemoved(number.strip()).matches("\\+?[0-9]{1,20}")) {
      throw new dev.switchboard.store.InvalidValueException(
          "number", "number must be digits, optionally after +");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", number.strip());
    m.put("e164", settings(ctx).e164(number.strip()));
    ctx.json(m);
  }

  private static Map<String, Object> dialPlan(PbxSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("countryCode", s.countryCode());
    m.put("nationalPrefix", s.nationalPrefix());
    m.put("internationalPrefix", s.internationalPrefix());
    m.put("outboundRoute", s.outboundRoute());
    m.put("emergencyNumbers", s.emergencyNumbers());
    m.put("emergencyRoute", s.emergencyRoute());
    m.put("voicemailUri", s.voicemailUri());
    m.put("presenceDomains", s.presenceDomains());
    m.put("promptLanguage", s.promptLanguage());
    return m;
  }

  private void groups(Context ctx) {
    ctx.json(
        new PageView<>(
            pbx.groups(ctx.pathParam("domain")).stream().map(PbxRoutes::view).toList(), null));
  }

  private void createGroup(Context ctx) {
    RingGroup g = group(JsonBody.parse(mapper, ctx.bodyAsBytes(), GROUP));
    ctx.status(HttpStatus.CREATED).json(view(pbx.createGroup(ctx.pathParam("domain"), g)));
  }

  private void replaceGroup(Context ctx) {
    RingGroup g = group(JsonBody.parse(mapper, ctx.bodyAsBytes(), GROUP));
    ctx.json(view(pbx.updateGroup(ctx.pathParam("domain"), ctx.pathParam("number"), g)));
  }

  private void deleteGroup(Context ctx) {
    pbx.deleteGroup(ctx.pathParam("domain"), ctx.pathParam("number"));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private static RingGroup group(JsonBody b) {
    return new RingGroup(
        b.requiredNonBlank("number"),
        b.requiredNonBlank("name"),
        RingStrategy.parse(b.requiredNonBlank("strategy")),
        b.texts("members"),
        b.integer("memberRingSeconds", 20),
        b.integer("totalRingSeconds", 60),
        b.text("finalDestination"),
        queue(b.object("queue", QUEUE)));
  }

  /** The queue object; absent or null: no queue. */
  private static GroupQueue queue(JsonBody q) {
    if (q == null) {
      return GroupQueue.OFF;
    }
    return new GroupQueue(
        q.bool("enabled", true),
        q.integer("maxWaitSeconds", GroupQueue.OFF.maxWaitSeconds()),
        q.integer("maxCallers", GroupQueue.OFF.maxCallers()));
  }

  private static Map<String, Object> view(RingGroup g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", g.number());
    m.put("name", g.name());
    m.put("strategy", g.strategy().key());
    m.put("members", g.members());
    m.put("memberRingSeconds", g.memberRingSeconds());
    m.put("totalRingSeconds", g.totalRingSeconds());
    m.put("finalDestination", g.finalDestination());
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("enabled", g.queue().enabled());
    q.put("maxWaitSeconds", g.queue().maxWaitSeconds());
    q.put("maxCallers", g.queue().maxCallers());
    m.put("queue", q);
    return m;
  }
}
