package dev.switchboard.console.success;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.JsonBody;
import dev.switchboard.console.http.PathId;
import dev.switchboard.console.http.QueryString;
import dev.switchboard.console.success.Views.FeedbackView;
import dev.switchboard.console.success.Views.InboxView;
import dev.switchboard.console.success.Views.Items;
import dev.switchboard.ops.success.FeedbackInbox;
import dev.switchboard.ops.success.FeedbackKind;
import dev.switchboard.ops.success.StoryRepository;
import dev.switchboard.ops.success.SurveyRepository;
import dev.switchboard.store.InvalidValueException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Objects;
import java.util.Set;

/** The customer's voice: satisfaction surveys, the feedback inbox and success stories. */
final class VoiceRoutes {

  private final ObjectMapper mapper;
  private final SurveyRepository surveys;
  private final FeedbackInbox feedback;
  private final StoryRepository stories;

  VoiceRoutes(
      ObjectMapper mapper,
      SurveyRepository surveys,
      FeedbackInbox feedback,
      StoryRepository stories) {
    this.mapper = mapper;
    this.surveys = surveys;
    this.feedback = feedback;
    this.stories = stories;
  }

  void register(RoutesConfig r) {
    String s = "/api/v1/success";
    r.get(s + "/surveys", this::listSurveys);
    r.post(s + "/surveys", this::recordSurvey);
    r.get(s + "/feedback", this::inbox);
    r.post(s + "/feedback", this::submitFeedback);
    r.put(s + "/feedback/{id}", this::updateFeedback);
    r.get(s + "/stories", this::listStories);
    r.post(s + "/stories", this::createStory);
    r.put(s + "/stories/{id}", this::updateStory);
  }

  private void listSurveys(Context ctx) {
    QueryString q = QueryString.of(ctx, Set.of("domain", "limit"));
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
    QueryString q = QueryString.of(ctx, Set.of("status", "kind"));
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
    long id = PathId.of(ctx);
    JsonBody b =
        JsonBody.parseOrEmpty(
            mapper, ctx.bodyAsBytes(), Set.of("status", "valuable", "kind", "keyword"));
    if (b.hasValue("kind")) {
      feedback.correct(id, FeedbackKind.parse(b.text("kind")), b.text("keyword"));
    }
    ctx.json(FeedbackView.of(feedback.update(id, b.text("status"), b.bool("valuable"))));
  }

  private void listStories(Context ctx) {
    QueryString q = QueryString.of(ctx, Set.of("forMarketing", "similarTo"));
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
            PathId.of(ctx),
            b.requiredText("status"),
            Objects.requireNonNullElse(b.bool("forMarketing"), false)));
  }
}
