package dev.switchboard.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.voicemail.Mailboxes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/tenants/{domain}/accounts/{user}/voicemail}: the messages callers left for an
 * extension, each one's audio as WAV, deleting one, and the PIN for retrieval by phone.
 */
final class VoicemailRoutes {
  private final AccountRepository accounts;
  private final Mailboxes mailboxes;
  private final ObjectMapper mapper;

  VoicemailRoutes(AccountRepository accounts, Mailboxes mailboxes, ObjectMapper mapper) {
    this.accounts = accounts;
    this.mailboxes = mailboxes;
    this.mapper = mapper;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/tenants/{domain}/accounts/{user}/voicemail", this::list);
    routes.get("/api/v1/tenants/{domain}/accounts/{user}/voicemail/{id}", this::audio);
    routes.delete("/api/v1/tenants/{domain}/accounts/{user}/voicemail/{id}", this::delete);
    routes.put("/api/v1/tenants/{domain}/accounts/{user}/voicemail-pin", this::setPin);
  }

  /** The mailboxes of an account that exists, or 404. */
  private Mailboxes boxesOf(Context ctx) {
    accounts.get(ctx.pathParam("domain"), ctx.pathParam("user"));
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
