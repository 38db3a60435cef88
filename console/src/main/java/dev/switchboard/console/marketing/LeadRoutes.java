package dev.switchboard.console.marketing;

import dev.switchboard.console.http.CsvResponse;
import dev.switchboard.console.http.PathId;
import dev.switchboard.console.http.QueryString;
import dev.switchboard.ops.marketing.Lead;
import dev.switchboard.ops.marketing.LeadCsv;
import dev.switchboard.ops.marketing.LeadDraft;
import dev.switchboard.ops.marketing.LeadFilter;
import dev.switchboard.ops.marketing.LeadPage;
import dev.switchboard.ops.marketing.LeadRepository;
import dev.switchboard.ops.marketing.LeadStatus;
import dev.switchboard.store.InvalidValueException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code /api/v1/marketing/leads…}: list, create, change, move, notes, duplicates, merge, bulk. */
final class LeadRoutes {

  private static final String BASE = "/api/v1/marketing/leads";
  private static final Set<String> LIST_PARAMS =
      Set.of(
          "status", "channel", "campaign", "owner", "intent", "q", "from", "to", "after", "limit");
  static final int MAX_LIMIT = 500;
  static final int MAX_EXPORT = 200_000;

  /** The body of a create or a change; every field optional on a change. */
  record LeadBody(
      String name,
      String phone,
      String email,
      String company,
      String industry,
      String region,
      Integer seats,
      String channel,
      String campaign,
      String referralCode,
      String intent,
      String owner,
      LocalDate createdOn) {
    LeadDraft draft() {
      Character grade = null;
      if (intent != null) {
        if (intent.length() != 1) {
          throw new InvalidValueException("intent", "intent must be A, B, C or D");
        }
        grade = Character.toUpperCase(intent.charAt(0));
      }
      return new LeadDraft(
          name,
          phone,
          email,
          company,
          industry,
          region,
          seats,
          channel,
          campaign,
          referralCode,
          grade,
          owner,
          createdOn);
    }
  }

  record StatusBody(String status, LocalDate on, String note, String lostReason) {}

  record NoteBody(String body) {}

  record MergeBody(Long from) {}

  record BulkBody(List<Long> ids, String action, String owner) {}

  record BulkResult(int changed) {}

  record Timeline(
      Lead lead,
      List<dev.switchboard.ops.marketing.LeadEvent> events,
      List<dev.switchboard.ops.marketing.LeadNote> notes) {}

  private final LeadRepository leads;
  private final Http http;

  LeadRoutes(LeadRepository leads, Http http) {
    this.leads = leads;
    this.http = http;
  }

  void register(RoutesConfig r) {
    r.get(BASE, this::list);
    r.post(BASE, this::create);
    r.post(BASE + "/bulk", this::bulk);
    r.get(BASE + "/{id}", ctx -> http.json(ctx, leads.get(PathId.of(ctx))));
    r.patch(BASE + "/{id}", this::change);
    r.post(BASE + "/{id}/status", this::status);
    r.get(BASE + "/{id}/timeline", this::timeline);
    r.post(BASE + "/{id}/notes", this::note);
    r.get(BASE + "/{id}/duplicates", ctx -> http.json(ctx, leads.duplicatesOf(PathId.of(ctx))));
    r.post(BASE + "/{id}/merge", this::merge);
    r.get("/api/v1/marketing/lead-duplicates", this::duplicateGroups);
  }

  static LeadFilter filter(QueryString q) {
    String intent = q.text("intent");
    if (intent != null && (intent.length() != 1 || "ABCD".indexOf(intent.charAt(0)) < 0)) {
      throw new InvalidValueException("intent", "intent must be A, B, C or D");
    }
    return new LeadFilter(
        q.text("status") != null ? LeadStatus.parse(q.text("status")) : null,
        q.text("channel"),
        q.text("campaign"),
        q.text("owner"),
        intent == null ? null : intent.charAt(0),
        q.text("q"),
        q.date("from", null),
        q.date("to", null),
        false);
  }

  private void list(Context ctx) {
    QueryString q = QueryString.listing(ctx, LIST_PARAMS);
    LeadFilter f = filter(q);
    String after = q.text("after");
    Long afterId;
    try {
      afterId = after == null ? null : Long.parseLong(after);
    } catch (NumberFormatException e) {
      throw new InvalidValueException("after", "after must be a lead id");
    }
    if (q.csv()) {
      List<Lead> all = new ArrayList<>();
      Long cursor = afterId;
      do {
        LeadPage p = leads.list(f, cursor, MAX_LIMIT);
        all.addAll(p.items());
        cursor = p.nextAfter();
      } while (cursor != null && all.size() < MAX_EXPORT);
      StringBuilder out =
          new StringBuilder(dev.switchboard.store.csv.CsvLine.join(LeadCsv.EXPORT_COLUMNS))
              .append("\r\n");
      for (Lead l : all) {
        out.append(LeadCsv.line(l)).append("\r\n");
      }
      CsvResponse.sendText(ctx, "leads", out.toString());
      return;
    }
    Integer limit = q.integer("limit");
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      throw new InvalidValueException("limit", "limit must be 1 to " + MAX_LIMIT);
    }
    http.json(ctx, leads.list(f, afterId, limit == null ? 50 : limit));
  }

  private void create(Context ctx) {
    LeadBody b = http.body(ctx, LeadBody.class);
    Lead l = leads.create(b.draft(), Http.actor(ctx));
    ctx.header("Location", BASE + "/" + l.id());
    http.json(ctx, 201, l);
  }

  private void change(Context ctx) {
    LeadBody b = http.body(ctx, LeadBody.class);
    if (b.createdOn() != null) {
      throw new InvalidValueException("createdOn", "createdOn cannot be changed");
    }
    http.json(ctx, leads.update(PathId.of(ctx), b.draft(), Http.actor(ctx)));
  }

  private void status(Context ctx) {
    StatusBody b = http.body(ctx, StatusBody.class);
    if (b.status() == null) {
      throw new InvalidValueException("status", "status is required");
    }
    http.json(
        ctx,
        leads.advance(
            PathId.of(ctx),
            LeadStatus.parse(b.status()),
            b.on(),
            Http.actor(ctx),
            b.note(),
            b.lostReason()));
  }

  private void timeline(Context ctx) {
    long id = PathId.of(ctx);
    http.json(ctx, new Timeline(leads.get(id), leads.events(id), leads.notes(id)));
  }

  private void note(Context ctx) {
    NoteBody b = http.body(ctx, NoteBody.class);
    http.json(ctx, 201, leads.addNote(PathId.of(ctx), b.body(), Http.actor(ctx)));
  }

  private void merge(Context ctx) {
    MergeBody b = http.body(ctx, MergeBody.class);
    if (b.from() == null) {
      throw new InvalidValueException("from", "from (the lead to merge into this one) is required");
    }
    http.json(ctx, leads.merge(PathId.of(ctx), b.from(), Http.actor(ctx)));
  }

  private void bulk(Context ctx) {
    BulkBody b = http.body(ctx, BulkBody.class);
    if (b.ids() == null || b.ids().isEmpty()) {
      throw new InvalidValueException("ids", "ids must list at least one lead");
    }
    if (b.ids().size() > 1000) {
      throw new InvalidValueException("ids", "at most 1000 leads at a time");
    }
    String action = b.action() == null ? "" : b.action();
    int changed =
        switch (action) {
          case "assign" -> {
            if (b.owner() == null) {
              throw new InvalidValueException("owner", "owner is required to assign");
            }
            yield leads.assignOwner(b.ids(), b.owner(), Http.actor(ctx));
          }
          case "invalid" -> leads.markInvalid(b.ids(), Http.actor(ctx));
          default -> throw new InvalidValueException("action", "action must be assign or invalid");
        };
    http.json(ctx, new BulkResult(changed));
  }

  private void duplicateGroups(Context ctx) {
    QueryString q = QueryString.listing(ctx, Set.of("limit"));
    Integer limit = q.integer("limit");
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      throw new InvalidValueException("limit", "limit must be 1 to " + MAX_LIMIT);
    }
    http.json(ctx, leads.duplicateGroups(limit == null ? 50 : limit));
  }
}
