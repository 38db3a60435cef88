package dev.switchboard.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code switchboard admin import accounts --domain D FILE.csv}. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Bulk imports from CSV.",
    subcommands = {ImportCommand.Accounts.class})
public final class ImportCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  /** {@code import accounts}: uploads the CSV, shows progress on stderr, prints the report. */
  @Command(
      name = "accounts",
      mixinStandardHelpOptions = true,
      description = {
        "Import accounts from a CSV file with a header row: user,password,displayName[,enabled].",
        "Good rows are imported, bad rows are listed with their line numbers;"
            + " the exit code is 1 if any row was rejected."
      })
  static final class Accounts extends AdminAction {
    private static final Duration POLL = Duration.ofMillis(200);

    @Option(names = "--domain", required = true, description = "Tenant's SIP domain.")
    String domain;

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "The CSV file.")
    Path file;

    @Override
    int run(AdminClient client, PrintWriter out, PrintWriter err) throws Exception {
      byte[] csv;
      try {
        csv = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "cannot read " + file + ": " + e);
      }
      long started = System.nanoTime();
      String base = AccountCommand.path(domain) + "/import";
      JsonNode job = client.post(base + "?async=true", csv, "text/csv; charset=utf-8");
      String jobPath = base + "/" + AdminClient.segment(job.get("id").asText());
      ProgressBar bar = new ProgressBar(err);
      while ("running".equals(job.get("state").asText())) {
        bar.show(job.get("processed").asInt(), job.get("total").asInt());
        Thread.sleep(POLL.toMillis());
        job = client.get(jobPath);
      }
      if ("failed".equals(job.get("state").asText())) {
        bar.finish();
        JsonNode e = job.get("error");
        err.println(
            "error: import failed: "
                + text(e, "error")
                + (e.hasNonNull("field") ? " (field: " + e.get("field").asText() + ")" : ""));
        return REJECTED;
      }
      bar.show(job.get("total").asInt(), job.get("total").asInt());
      bar.finish();
      JsonNode report = job.get("report");
      JsonNode rejected = report.get("rejected");
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf(
          "Imported %d account(s) into %s in %.1f s; rejected %d row(s).%n",
          report.get("imported").asInt(), domain, seconds, rejected.size());
      for (JsonNode r : rejected) {
        out.printf(
            "  line %d%s: %s%n",
            r.get("line").asInt(),
            r.hasNonNull("user") ? " (user '" + r.get("user").asText() + "')" : "",
            text(r, "reason"));
      }
      return rejected.isEmpty() ? 0 : REJECTED;
    }
  }

  /** A one-line text progress bar redrawn in place with carriage returns. */
  static final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private String last = "";

    ProgressBar(PrintWriter err) {
      this.err = err;
    }

    void show(int done, int total) {
      if (total == 0) {
        return; // the server has not counted the rows yet
      }
      int percent = total == 0 ? 0 : (int) (100L * done / total);
      int filled = WIDTH * percent / 100;
      String line =
          String.format(
              "\rImporting [%s%s] %3d%% %d/%d rows",
              "#".repeat(filled), "-".repeat(WIDTH - filled), percent, done, total);
      if (!line.equals(last)) {
        err.print(line);
        err.flush();
        last = line;
      }
    }

    void finish() {
      if (!last.isEmpty()) {
        err.println();
        err.flush();
      }
    }
  }
}
