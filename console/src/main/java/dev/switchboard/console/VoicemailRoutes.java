package dev.switchboard.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.voicemail.Mailboxes;
import dev.switchboard.store.voicemail.Retention;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/tenants/{domain}/accounts/{user}/voicemail}: the messages callers left for an
 * extension, each one's audio as WAV, deleting one, the PIN for retrieval by phone and the address
 * new messages are e-mailed to; and a tenant's retention limits.
 */
final class VoicemailRoutes {
  private final TenantRepository tenants;
  private final AccountRepository accounts;
  private final Mailboxes mailboxes;
  private final ObjectMapper mapper;

  VoicemailRoutes(
      TenantRepository tenants,
      AccountRepository accounts,
      Mailboxes mailboxes,
      ObjectMapper mapper) {
    this.tenants = tenants;
    this.accounts = accounts;
    this.mailboxes = mailboxes;
    this.mapper = mapper;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/tenants/{domain}/accounts/{user}/voicemail", this::list);
    routes.get("/api/v1/tenants/{domain}/accounts/{user}/voicemail/{id}", this::audio);
    routes.delete("/api/v1/tenants/{domain}/accounts/{user}/voicemail/{id}", this::delete);
    routes.put("/api/v1/tenants/{domain}/accounts/{user}/voicemail-pin", this::setPin);
    routes.get("/api/v1/tenants/{domain}/accounts/{user}/voicemail-settings", this::settings);
    routes.put("/api/v1/tenants/{domain}/accounts/{user}/voicemail-settings", this::setSettings);
    routes.get("/api/v1/tenants/{domain}/voicemail-retention", this::retention);
    routes.put("/api/v1/tenants/{domain}/voicemail-retention", this::setRetention);
  }

  /** The mailboxes of an account that exists, or 404. */
  private Mailboxes boxesOf(Context ctx) {
    accounts.get(ctx.pathParam("domain"), ctx.pathParam("user"));
    return mailboxes();
  }

  private Mailboxes mailboxes() {
    if (mailboxes == null) {
      throw new NotFoundException("voicemail", "this node keeps no voicemail");
    }
    return mailboxes;
  }

  private void list(Context ctx) {
    ctx.json(
        Map.of(
            "items",
            boxesOf(ctx).messages(ctx.pathParam("domain"), ctx.pathParam("user")).stream()
                .map(
                    m ->
                        Map.of(
                            "id", m.id(),
                            "caller", m.caller(),
                            "receivedAt", m.receivedAt().toString(),
                            "durationMillis", m.durationMillis(),
                            "saved", m.saved()))
                .toList()));
  }

  private void delete(Context ctx) {
    try {
      boxesOf(ctx).delete(ctx.pathParam("domain"), ctx.pathParam("user"), ctx.pathParam("id"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.status(204);
  }

  /** The PIN that retrieval by phone asks for: {@code {"pin": "4711"}}. */
  private void setPin(Context ctx) {
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), Set.of("pin"));
    try {
      boxesOf(ctx).setPin(ctx.pathParam("domain"), ctx.pathParam("user"), body.requiredText("pin"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.status(204);
  }

  /** The mailbox's own settings: {@code {"email": "owner@example.com"}} (null: no e-mail). */
  private void settings(Context ctx) {
    Map<String, Object> out = new HashMap<>();
    out.put(
        "email", boxesOf(ctx).email(ctx.pathParam("domain"), ctx.pathParam("user")).orElse(null));
    ctx.json(out);
  }

  private void setSettings(Context ctx) {
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), Set.of("email"));
    Mailboxes boxes = boxesOf(ctx);
    try {
      boxes.setEmail(ctx.pathParam("domain"), ctx.pathParam("user"), body.text("email"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    settings(ctx);
  }

  /** The tenant's limits: {@code {"maxMessages": 50, "maxAgeDays": 30}} (null: no limit). */
  private void retention(Context ctx) {
    tenants.get(ctx.pathParam("domain"));
    Retention r = mailboxes().retention(ctx.pathParam("domain"));
    Map<String, Object> out = new HashMap<>();
    out.put("maxMessages", r.maxMessages());
    out.put("maxAgeDays", r.maxAgeDays());
    ctx.json(out);
  }

  private void setRetention(Context ctx) {
    tenants.get(ctx.pathParam("domain"));
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), Set.of("maxMessages", "maxAgeDays"));
    Retention r = new Retention(body.integer("maxMessages"), body.integer("maxAgeDays"));
    try {
      mailboxes().setRetention(ctx.pathParam("domain"), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    retention(ctx);
  }

  private void audio(Context ctx) {
    Path wav =
        boxesOf(ctx).audio(ctx.pathParam("domain"), ctx.pathParam("user"), ctx.pathParam("id"));
    try {
      ctx.contentType("audio/wav")
          .header("Content-Disposition", "attachment; filename=\"" + ctx.pathParam("id") + ".wav\"")
          .result(Files.readAllBytes(wav));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
