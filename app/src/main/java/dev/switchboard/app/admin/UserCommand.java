package dev.switchboard.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard admin user add|list|remove}: staff users who sign in to the console. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Manage console staff users.",
    subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class})
public final class UserCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  /** {@code user add}. */
  @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a staff user.")
  static final class Add extends AdminAction {
    @Option(names = "--email", required = true, description = "E-mail address (the sign-in name).")
    String email;

    @Option(
        names = "--password",
        required = true,
        description = "Password, at least 10 characters (stored only as a bcrypt hash).")
    String password;

    @Option(
        names = "--role",
        required = true,
        description = "admin, marketing, sales, success or tenant_admin.")
    String role;

    @Option(names = "--tenant", description = "SIP domain, for a tenant_admin only.")
    String tenant;

    @Option(names = "--name", description = "Display name (default: the e-mail).")
    String name;

    @Override
    int run(AdminClient client, PrintWriter out, PrintWriter err) throws Exception {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("email", email);
      body.put("password", password);
      body.put("role", role);
      if (tenant != null) {
        body.put("tenant", tenant);
      }
      if (name != null) {
        body.put("displayName", name);
      }
      JsonNode u = client.postJson("/api/v1/users", body);
      out.println(
          "Created user "
              + text(u, "email")
              + " ("
              + text(u, "role")
              + (u.hasNonNull("tenant") ? " of " + text(u, "tenant") : "")
              + ")");
      return 0;
    }
  }

  /** {@code user list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List staff users.")
  static final class ListUsers extends AdminAction {
    @Override
    int run(AdminClient client, PrintWriter out, PrintWriter err) throws Exception {
      JsonNode all = client.get("/api/v1/users");
      out.printf("%-36s %-14s %-28s %s%n", "EMAIL", "ROLE", "TENANT", "ENABLED");
      for (JsonNode u : all) {
        out.printf(
            "%-36s %-14s %-28s %s%n",
            text(u, "email"), text(u, "role"), text(u, "tenant"), text(u, "enabled"));
      }
      out.println(all.size() + " user(s)");
      return 0;
    }
  }

  /** {@code user remove}. */
  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a staff user.")
  static final class Remove extends AdminAction {
    @Option(names = "--email", required = true, description = "E-mail address of the user.")
    String email;

    @Override
    int run(AdminClient client, PrintWriter out, PrintWriter err) throws Exception {
      client.delete("/api/v1/users/" + AdminClient.segment(email));
      out.println("Removed user " + email);
      return 0;
    }
  }
}
