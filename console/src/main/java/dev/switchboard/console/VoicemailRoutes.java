package dev.switchboard.console;

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

/**
 * {@code /api/v1/tenants/{domain}/accounts/{user}/voicemail}: the messages callers left for an
 * extension, and each one's audio as WAV.
 */
final class VoicemailRoutes {
  private final AccountRepository accounts;
  private final Mailboxes mailboxes;

  VoicemailRoutes(AccountRepository accounts, Mailboxes mailboxes) {
    this.accounts = accounts;
    this.mailboxes = mailboxes;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/tenants/{domain}/accounts/{user}/voicemail", this::list);
    routes.get("/api/v1/tenants/{domain}/accounts/{user}/voicemail/{id}", this::audio);
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
                            "durationMillis", m.durationMillis()))
                .toList()));
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
