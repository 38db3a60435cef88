package dev.switchboard.console.marketing;

import dev.switchboard.console.ApiError;
import dev.switchboard.ops.marketing.TrialForm;
import dev.switchboard.ops.marketing.TrialSignup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The public trial sign-up, outside {@code /api/v1} and so outside the session gate: {@code GET
 * /api/public/trial/token} hands the page a form token, {@code POST /api/public/trial} creates the
 * lead. Bad input is a 400 JSON error naming the field; too many sign-ups a 429.
 */
final class TrialRoutes {

  record TrialBody(
      String name,
      String phone,
      String email,
      String company,
      String industry,
      String region,
      Integer seats,
      String utmSource,
      String utmMedium,
      String utmCampaign,
      String referralCode,
      String token,
      String website) {
    TrialForm form() {
      return new TrialForm(
          name,
          phone,
          email,
          company,
          industry,
          region,
          seats,
          utmSource,
          utmMedium,
          utmCampaign,
          referralCode);
    }
  }

  /** What the public learns: that it worked, not what we already knew about them. */
  record Received(String status) {}

  private final TrialSignup signup;
  private final TrialGuard guard;
  private final Http http;

  TrialRoutes(TrialSignup signup, TrialGuard guard, Http http) {
    this.signup = signup;
    this.guard = guard;
    this.http = http;
  }

  void register(RoutesConfig r) {
    r.get(
        "/api/public/trial/token",
        ctx -> {
          ctx.header("Cache-Control", "no-store");
          http.json(ctx, Map.of("token", guard.token()));
        });
    r.post("/api/public/trial", this::signUp);
  }

  private void signUp(Context ctx) {
    TrialBody b = http.body(ctx, TrialBody.class);
    guard.check(b.token(), b.website());
    try {
      guard.admit(ctx.ip());
    } catch (TrialGuard.TooManyException e) {
      http.json(ctx, 429, new ApiError(e.getMessage(), null));
      return;
    }
    signup.signUp(b.form());
    http.json(ctx, 201, new Received("received"));
  }
}
