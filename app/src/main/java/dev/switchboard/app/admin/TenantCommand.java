package dev.switchboard.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard admin tenant add|list|remove}. */
@Command(
    name = "tenant",
    mixinStandardHelpOptions = true,
    description = "Manage tenants.",
    subcommands = {
      TenantCommand.Add.class,
      TenantCommand.ListTenants.class,
      TenantCommand.Remove.class
    })
public final class TenantCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  /** {@code tenant add}. */
  @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a tenant.")
  static final class Add extends AdminAction {
    @Option(names = "--name", required = true, description = "Company name.")
    String name;

    @Option(names = "--domain", required = true, description = "SIP domain, e.g. acme.example.")
    String domain;

    @Option(names = "--status", description = "trial (default), active, suspended or cancelled.")
    String status;

    @Option(names = "--industry", description = "Industry.")
    String industry;

    @Option(names = "--time-zone", description = "IANA time zone (default UTC).")
    String timeZone;

    @Override
    int run(AdminClient client, PrintWriter out, PrintWriter err) throws Exception {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("domain", domain);
      if (status != null) {
        body.put("status", status);
      }
      if (industry != null) {
        body.put("industry", industry);
      }
      if (timeZone != null) {
        body.put("timeZone", timeZone);
      }
      JsonNode t = client.postJson("/api/v1/tenants", body);
      out.println(
          "Created tenant "
              + text(t, "domain")
              + " ("
              + text(t, "name")
              + ", "
              + text(t, "status")
              + ")");
      return 0;
    }
  }

  /** {@code tenant list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tenants.")
  static final class ListTenants extends AdminAction {
    @Override
    int run(AdminClient client, PrintWriter out, PrintWriter err) throws Exception {
      JsonNode all = client.get("/api/v1/tenants");
      out.printf(
          "%-32s %-24s %-10s %-16s %s%n", "DOMAIN", "NAME", "STATUS", "TIME ZONE", "CREATED");
      for (JsonNode t : all) {
        out.printf(
            "%-32s %-24s %-10s %-16s %s%n",
            text(t, "domain"),
            text(t, "name"),
            text(t, "status"),
            text(t, "timeZone"),
            text(t, "createdAt"));
      }
      out.println(all.size() + " tenant(s)");
      return 0;
    }
  }

  /** {@code tenant remove}. */
  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Remove a tenant and all its accounts.")
  static final class Remove extends AdminAction {
    @Option(names = "--domain", required = true, description = "SIP domain of the tenant.")
    String domain;

    @Override
    int run(AdminClient client, PrintWriter out, PrintWriter err) throws Exception {
      client.delete("/api/v1/tenants/" + AdminClient.segment(domain));
      out.println("Removed tenant " + domain + " and its accounts");
      return 0;
    }
  }
}
