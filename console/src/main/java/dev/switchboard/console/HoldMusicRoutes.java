package dev.switchboard.console;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.media.HoldMusicFiles;
import dev.switchboard.store.tenant.TenantRepository;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code /api/v1/tenants/{domain}/hold-music}: the WAV a tenant's held callers hear (uploaded,
 * downloaded, removed: then the generated default plays).
 */
final class HoldMusicRoutes {
  private static final int MAX_MUSIC = 16 * 1024 * 1024;

  private final TenantRepository tenants;
  private final HoldMusicFiles files;

  HoldMusicRoutes(TenantRepository tenants, HoldMusicFiles files) {
    this.tenants = tenants;
    this.files = files;
  }

  void register(RoutesConfig routes) {
    String path = "/api/v1/tenants/{domain}/hold-music";
    routes.get(path, this::get);
    routes.put(path, this::put);
    routes.delete(path, this::delete);
  }

  private HoldMusicFiles filesOf(Context ctx) {
    tenants.get(ctx.pathParam("domain"));
    if (files == null) {
      throw new NotFoundException("hold-music", "this node plays no hold music");
    }
    return files;
  }

  private void get(Context ctx) {
    Path wav =
        filesOf(ctx)
            .music(ctx.pathParam("domain"))
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "hold-music", "no uploaded hold music: the default plays"));
    try {
      ctx.contentType("audio/wav").result(Files.readAllBytes(wav));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The music as a WAV body (8 kHz or more, 16-bit PCM or G.711), at most 16 MiB; it loops. */
  private void put(Context ctx) {
    HoldMusicFiles all = filesOf(ctx);
    byte[] wav = ctx.bodyAsBytes();
    if (wav.length < 44
        || wav.length > MAX_MUSIC
        || !new String(wav, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
        || !new String(wav, 8, 4, StandardCharsets.US_ASCII).equals("WAVE")) {
      throw new InvalidValueException(
          "hold-music", "the body must be a WAV file of at most 16 MiB");
    }
    all.save(ctx.pathParam("domain"), new ByteArrayInputStream(wav));
    ctx.status(204);
  }

  private void delete(Context ctx) {
    if (!filesOf(ctx).delete(ctx.pathParam("domain"))) {
      throw new NotFoundException("hold-music", "no uploaded hold music");
    }
    ctx.status(204);
  }
}
