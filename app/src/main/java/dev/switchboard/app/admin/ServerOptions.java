package dev.switchboard.app.admin;

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
      description = "Admin bearer token (env SWITCHBOARD_ADMIN_TOKEN).",
      defaultValue = "${env:SWITCHBOARD_ADMIN_TOKEN}")
  String token;
}
