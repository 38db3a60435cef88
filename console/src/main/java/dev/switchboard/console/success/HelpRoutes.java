package dev.switchboard.console.success;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.JsonBody;
import dev.switchboard.console.http.PathId;
import dev.switchboard.console.http.QueryString;
import dev.switchboard.console.success.Views.Items;
import dev.switchboard.console.web.Caller;
import dev.switchboard.ops.success.HelpCenter;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.staff.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Objects;
import java.util.Set;

/**
 * The help center under {@code /api/v1/help}: categories and articles, tenant admins seeing
 * published FAQs only.
 */
final class HelpRoutes {

  private final ObjectMapper mapper;
  private final HelpCenter help;

  HelpRoutes(ObjectMapper mapper, HelpCenter help) {
    this.mapper = mapper;
    this.help = help;
  }

  void register(RoutesConfig r) {
    String h = "/api/v1/help";
    r.get(h + "/categories", ctx -> ctx.json(new Items<>(help.categories())));
    r.post(h + "/categories", this::createCategory);
    r.get(h + "/articles", this::articles);
    r.post(h + "/articles", this::createArticle);
    r.get(h + "/articles/{id}", this::article);
    r.put(h + "/articles/{id}", this::updateArticle);
    r.post(h + "/articles/{id}/uses", ctx -> ctx.json(help.use(PathId.of(ctx))));
  }

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
    QueryString q = QueryString.of(ctx, Set.of("category", "q", "kind", "limit"));
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
    var a = help.get(PathId.of(ctx));
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
            PathId.of(ctx),
            b.requiredText("title"),
            b.requiredText("body"),
            Objects.requireNonNullElse(b.bool("published"), true)));
  }
}
