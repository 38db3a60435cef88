package dev.switchboard.app.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A leaf {@code admin} command: turns server refusals into exit code 1 with the server's message,
 * and an unreachable server into exit code 3.
 */
abstract class AdminAction implements Callable<Integer> {

  static final int REJECTED = 1;
  static final int UNREACHABLE = 3;

  @Mixin ServerOptions server;

  @Spec CommandSpec spec;

  /** Does the work; returns the exit code. */
  abstract int run(AdminClient client, PrintWriter out, PrintWriter err) throws Exception;

  @Override
  public final Integer call() throws Exception {
    String token;
    try {
      token = server.token();
    } catch (IOException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "cannot read the token file " + server.tokenFile + ": " + e);
    }
    if (token == null || token.isBlank()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "no admin token: pass --token-file or --token, or set SWITCHBOARD_ADMIN_TOKEN");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(new AdminClient(server.url, token), out, err);
    } catch (AdminClient.Rejected e) {
      err.println("error: " + e.getMessage());
      return REJECTED;
    } catch (AdminClient.Unreachable e) {
      err.println("error: " + e.getMessage());
      return UNREACHABLE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
    com.fasterxml.jackson.databind.JsonNode v = node.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }
}
