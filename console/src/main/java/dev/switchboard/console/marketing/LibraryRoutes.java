package dev.switchboard.console.marketing;

import dev.switchboard.console.http.CsvResponse;
import dev.switchboard.console.http.PathId;
import dev.switchboard.console.http.QueryString;
import dev.switchboard.ops.marketing.Competitor;
import dev.switchboard.ops.marketing.CompetitorRepository;
import dev.switchboard.ops.marketing.ContentItem;
import dev.switchboard.ops.marketing.ContentLibrary;
import dev.switchboard.ops.marketing.Persona;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** {@code /api/v1/marketing/competitors}, {@code /personas} and {@code /content}: plain CRUD. */
final class LibraryRoutes {

  private static final String BASE = "/api/v1/marketing";

  record CompetitorBody(
      String name,
      String kind,
      String features,
      String pricing,
      String strengths,
      String weaknesses) {
    Competitor competitor() {
      return new Competitor(0, name, kind, features, pricing, strengths, weaknesses, List.of());
    }
  }

  record FaqBody(String question, String answer) {}

  record PersonaBody(
      String code,
      String name,
      String decisionChain,
      String concerns,
      String triggers,
      String foundAt) {}

  record ContentBody(
      String kind,
      String title,
      String body,
      String url,
      String funnelStage,
      String persona,
      String customerDomain) {
    ContentItem item() {
      return new ContentItem(0, kind, title, body, url, funnelStage, persona, customerDomain);
    }
  }

  private final CompetitorRepository competitors;
  private final ContentLibrary library;
  private final Http http;

  LibraryRoutes(CompetitorRepository competitors, ContentLibrary library, Http http) {
    this.competitors = competitors;
    this.library = library;
    this.http = http;
  }

  void register(RoutesConfig r) {
    r.get(BASE + "/competitors", this::listCompetitors);
    r.post(
        BASE + "/competitors",
        ctx ->
            http.json(
                ctx, 201, competitors.create(http.body(ctx, CompetitorBody.class).competitor())));
    r.get(BASE + "/competitors/{id}", ctx -> http.json(ctx, competitors.get(PathId.of(ctx))));
    r.put(
        BASE + "/competitors/{id}",
        ctx ->
            http.json(
                ctx,
                competitors.update(
                    PathId.of(ctx), http.body(ctx, CompetitorBody.class).competitor())));
    r.delete(
        BASE + "/competitors/{id}",
        ctx -> {
          competitors.delete(PathId.of(ctx));
          ctx.status(204);
        });
    r.post(
        BASE + "/competitors/{id}/faq",
        ctx -> {
          FaqBody b = http.body(ctx, FaqBody.class);
          http.json(ctx, 201, competitors.addFaq(PathId.of(ctx), b.question(), b.answer()));
        });
    r.delete(
        BASE + "/competitor-faq/{id}",
        ctx -> http.json(ctx, competitors.deleteFaq(PathId.of(ctx))));

    r.get(BASE + "/personas", this::listPersonas);
    r.post(
        BASE + "/personas",
        ctx -> http.json(ctx, 201, library.savePersona(persona(ctx, null), false)));
    r.put(
        BASE + "/personas/{code}",
        ctx -> http.json(ctx, library.savePersona(persona(ctx, ctx.pathParam("code")), true)));
    r.delete(
        BASE + "/personas/{code}",
        ctx -> {
          library.deletePersona(ctx.pathParam("code"));
          ctx.status(204);
        });

    r.get(BASE + "/content", this::listContent);
    r.post(
        BASE + "/content",
        ctx -> http.json(ctx, 201, library.saveItem(0, http.body(ctx, ContentBody.class).item())));
    r.put(
        BASE + "/content/{id}",
        ctx ->
            http.json(
                ctx, library.saveItem(PathId.of(ctx), http.body(ctx, ContentBody.class).item())));
    r.delete(
        BASE + "/content/{id}",
        ctx -> {
          library.deleteItem(PathId.of(ctx));
          ctx.status(204);
        });
  }

  private Persona persona(Context ctx, String code) {
    PersonaBody b = http.body(ctx, PersonaBody.class);
    if (code != null && b.code() != null && !b.code().equals(code)) {
      throw new dev.switchboard.store.InvalidValueException("code", "code cannot change");
    }
    return new Persona(
        code != null ? code : b.code(),
        b.name(),
        b.decisionChain(),
        b.concerns(),
        b.triggers(),
        b.foundAt());
  }

  private void listCompetitors(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of());
    List<Competitor> all = competitors.list();
    if (q.csv()) {
      CsvResponse.send(
          ctx,
          "competitors",
          List.of("id", "name", "kind", "features", "pricing", "strengths", "weaknesses", "faq"),
          all,
          c ->
              Arrays.asList(
                  Long.toString(c.id()),
                  c.name(),
                  c.kind(),
                  c.features(),
                  c.pricing(),
                  c.strengths(),
                  c.weaknesses(),
                  String.join(
                      " | ",
                      c.faq().stream().map(f -> f.question() + " → " + f.answer()).toList())));
      return;
    }
    http.json(ctx, all);
  }

  private void listPersonas(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of());
    List<Persona> all = library.personas();
    if (q.csv()) {
      CsvResponse.send(
          ctx,
          "personas",
          List.of("code", "name", "decision_chain", "concerns", "triggers", "found_at"),
          all,
          p ->
              Arrays.asList(
                  p.code(), p.name(), p.decisionChain(), p.concerns(), p.triggers(), p.foundAt()));
      return;
    }
    http.json(ctx, all);
  }

  private void listContent(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of("kind", "stage", "persona"));
    List<ContentItem> all = library.items(q.text("kind"), q.text("stage"), q.text("persona"));
    if (q.csv()) {
      CsvResponse.send(
          ctx,
          "content",
          List.of(
              "id", "kind", "title", "url", "funnel_stage", "persona", "customer_domain", "body"),
          all,
          i ->
              Arrays.asList(
                  Long.toString(i.id()),
                  i.kind(),
                  i.title(),
                  i.url(),
                  i.funnelStage(),
                  i.persona(),
                  i.customerDomain(),
                  i.body()));
      return;
    }
    http.json(ctx, all);
  }
}
