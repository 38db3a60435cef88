package dev.switchboard.app;

import dev.switchboard.app.admin.AdminCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code switchboard} command line: one entry point for the server and the operator tools. */
@Command(
    name = "switchboard",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Hosted SIP telephony with the SaaS operations system built in.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      AdminCommand.class,
      dev.switchboard.app.call.CallCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command tree, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  /** Reads the version Maven wrote into the jar at build time. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("/switchboard-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"switchboard " + p.getProperty("version", "unknown")};
    }
  }
}
