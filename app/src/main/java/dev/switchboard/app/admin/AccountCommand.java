package dev.switchboard.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard admin account add|list|remove}. */
@Command(
    name = "account",
    mixinStandardHelpOptions = true,
    description = "Manage the accounts (extensions) of a tenant.",
    subcommands = {
      AccountCommand.Add.class,
      AccountCommand.ListAccounts.class,
      AccountCommand.Remove.class
    })
public final class AccountCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  static String path(String domain) {
    return "/api/v1/tenants/" + AdminClient.segment(domain) + "/accounts";
  }

  /** {@code account add}. */
  @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an account.")
  static final class Add extends AdminAction {
    @Option(names = "--domain", required = true, description = "Tenant's SIP domain.")
    String domain;

    @Option(names = "--user", required = true, description = "User part, e.g. 1001.")
    String user;

    @Option(
        names = "--password",
        required = true,
        description = "SIP password (stored as HA1 only).")
    String password;

    @Option(names = "--display-name", description = "Name shown to people.")
    String displayName;

    @Option(names = "--disabled", description = "Create the account disabled.")
    boolean disabled;

    @Override
    int run(AdminClient client, PrintWriter out, PrintWriter err) throws Exception {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("user", user);
      body.put("password", password);
      if (displayName != null) {
        body.put("displayName", displayName);
      }
      if (disabled) {
        body.put("enabled", false);
      }
      JsonNode a = client.postJson(path(domain), body);
      out.println(
          "Created account " + text(a, "user") + "@" + domain.toLowerCase(java.util.Locale.ROOT));
      return 0;
    }
  }

  /** {@code account list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a tenant's accounts.")
  static final class ListAccounts extends AdminAction {
    @Option(names = "--domain", required = true, description = "Tenant's SIP domain.")
    String domain;

    @Override
    int run(AdminClient client, PrintWriter out, PrintWriter err) throws Exception {
      JsonNode all = client.get(path(domain));
      out.printf("%-20s %-30s %s%n", "USER", "DISPLAY NAME", "ENABLED");
      for (JsonNode a : all) {
        out.printf("%-20s %-30s %s%n", text(a, "user"), text(a, "displayName"), text(a, "enabled"));
      }
      out.println(all.size() + " account(s)");
      return 0;
    }
  }

  /** {@code account remove}. */
  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an account.")
  static final class Remove extends AdminAction {
    @Option(names = "--domain", required = true, description = "Tenant's SIP domain.")
    String domain;

    @Option(names = "--user", required = true, description = "User part.")
    String user;

    @Override
    int run(AdminClient client, PrintWriter out, PrintWriter err) throws Exception {
      client.delete(path(domain) + "/" + AdminClient.segment(user));
      out.println("Removed account " + user + "@" + domain.toLowerCase(java.util.Locale.ROOT));
      return 0;
    }
  }
}
