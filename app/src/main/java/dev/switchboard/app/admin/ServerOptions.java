package dev.switchboard.app.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which server an {@code admin} command talks to, and with which token. */
public final class ServerOptions {

  @Option(
      names = "--url",
      description = "Server base URL (default: ${DEFAULT-VALUE}).",
      defaultValue = "http://127.0.0.1:8080")
  String url;

  @Option(
      names = "--token",
      description =
          "Admin bearer token (env SWITCHBOARD_ADMIN_TOKEN; prefer it or --token-file, since"
              + " other users see a command line in ps).",
      defaultValue = "${env:SWITCHBOARD_ADMIN_TOKEN}")
  String token;

  @Option(
      names = "--token-file",
      paramLabel = "PATH",
      description =
          "File whose first line is the admin bearer token (env SWITCHBOARD_ADMIN_TOKEN_FILE).",
      defaultValue = "${env:SWITCHBOARD_ADMIN_TOKEN_FILE}")
  Path tokenFile;

  /** The token from --token-file when given, else --token / the environment; null when none. */
  String token() throws IOException {
    if (tokenFile != null) {
      return Files.readAllLines(tokenFile).stream().findFirst().orElse("").trim();
    }
    return token == null ? null : token.trim();
  }
}
