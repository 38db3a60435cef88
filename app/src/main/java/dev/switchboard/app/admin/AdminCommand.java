package dev.switchboard.app.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code switchboard admin}: operator commands that talk to a running server over its API. */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Operate a running server through its API (--url, --token).",
    subcommands = {
      TenantCommand.class,
      AccountCommand.class,
      ImportCommand.class,
      UserCommand.class
    })
public final class AdminCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }
}
