package dev.switchboard.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.account.Account;
import dev.switchboard.store.account.AccountOptions;
import dev.switchboard.store.account.AccountRepository;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code /api/v1/tenants/{domain}/accounts}: the extensions of one tenant. */
final class AccountRoutes {

  private static final Set<String> CREATE_FIELDS =
      Set.of("user", "password", "displayName", "enabled", "options");
  private static final Set<String> PATCH_FIELDS =
      Set.of("displayName", "enabled", "password", "options");
  private static final Set<String> OPTION_FIELDS =
      Set.of(
          "voicemail",
          "forwardUnconditional",
          "forwardBusy",
          "forwardNoAnswer",
          "noAnswerSeconds",
          "forwardUnregistered",
          "doNotDisturb",
          "followMe");
  private static final Set<String> FOLLOW_ME_FIELDS = Set.of("destination", "ringSeconds");

  private final AccountRepository accounts;
  private final ObjectMapper mapper;

  AccountRoutes(AccountRepository accounts, ObjectMapper mapper) {
    this.accounts = accounts;
    this.mapper = mapper;
  }

  void register(RoutesConfig routes) {
    routes.post("/api/v1/tenants/{domain}/accounts", this::create);
    routes.get("/api/v1/tenants/{domain}/accounts", this::list);
    routes.get("/api/v1/tenants/{domain}/accounts/{user}", this::get);
    routes.patch("/api/v1/tenants/{domain}/accounts/{user}", this::patch);
    routes.delete("/api/v1/tenants/{domain}/accounts/{user}", this::delete);
  }

  private void create(Context ctx) {
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), CREATE_FIELDS);
    String user = body.requiredText("user");
    String password = body.requiredText("password");
    Account account =
        new Account(
            user,
            body.text("displayName"),
            body.bool("enabled", true),
            options(body.object("options", OPTION_FIELDS), AccountOptions.DEFAULTS),
            Instant.now());
    String domain = ctx.pathParam("domain");
    Account created = accounts.create(domain, account, password);
    ctx.status(HttpStatus.CREATED)
        .header(
            "Location",
            "/api/v1/tenants/"
                + dev.switchboard.store.tenant.TenantRepository.lower(domain)
                + "/accounts/"
                + user)
        .json(AccountView.of(created));
  }

  private void list(Context ctx) {
    ctx.json(accounts.list(ctx.pathParam("domain")).stream().map(AccountView::of).toList());
  }

  private void get(Context ctx) {
    ctx.json(AccountView.of(accounts.get(ctx.pathParam("domain"), ctx.pathParam("user"))));
  }

  private void patch(Context ctx) {
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), PATCH_FIELDS);
    String domain = ctx.pathParam("domain");
    Account a = accounts.get(domain, ctx.pathParam("user"));
    if (body.has("displayName")) {
      a = a.withDisplayName(body.text("displayName"));
    }
    if (body.has("enabled")) {
      a = a.withEnabled(body.bool("enabled", a.enabled()));
    }
    JsonBody options = body.object("options", OPTION_FIELDS);
    if (options != null) {
      a = a.withOptions(options(options, a.options()));
    }
    Optional<String> password =
        body.has("password") ? Optional.of(body.requiredText("password")) : Optional.empty();
    ctx.json(AccountView.of(accounts.update(domain, a, password)));
  }

  private void delete(Context ctx) {
    accounts.delete(ctx.pathParam("domain"), ctx.pathParam("user"));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  /** Applies the fields present in {@code o} over {@code base}; JSON null clears a target. */
  private static AccountOptions options(JsonBody o, AccountOptions base) {
    if (o == null) {
      return base;
    }
    return new AccountOptions(
        o.bool("voicemail", base.voicemail()),
        o.has("forwardUnconditional")
            ? o.text("forwardUnconditional")
            : base.forwardUnconditional(),
        o.has("forwardBusy") ? o.text("forwardBusy") : base.forwardBusy(),
        o.has("forwardNoAnswer") ? o.text("forwardNoAnswer") : base.forwardNoAnswer(),
        o.integer("noAnswerSeconds", base.noAnswerSeconds()),
        o.has("forwardUnregistered") ? o.text("forwardUnregistered") : base.forwardUnregistered(),
        o.bool("doNotDisturb", base.doNotDisturb()),
        o.has("followMe") ? followMe(o) : base.followMe());
  }

  /** The follow-me steps in {@code o}; JSON null or an empty array clears them. */
  private static List<AccountOptions.FollowMeStep> followMe(JsonBody o) {
    List<JsonBody> steps = o.objects("followMe", FOLLOW_ME_FIELDS);
    if (steps == null) {
      return List.of();
    }
    List<AccountOptions.FollowMeStep> out = new ArrayList<>();
    for (JsonBody s : steps) {
      out.add(
          new AccountOptions.FollowMeStep(
              s.requiredText("destination"), s.requiredInt("ringSeconds")));
    }
    return out;
  }
}
