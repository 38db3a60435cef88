package dev.switchboard.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard serve}: runs the SIP service and the HTTP console in one process. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server.")
public final class ServeCommand implements Callable<Integer> {

  @Option(names = "--data", description = "Data directory (default ./data).", defaultValue = "data")
  Path data;

  @Option(names = "--bind", description = "Address to listen on.", defaultValue = "0.0.0.0")
  String bind;

  @Option(names = "--sip-port", description = "SIP UDP and TCP port.", defaultValue = "5060")
  int sipPort;

  @Option(names = "--http-port", description = "HTTP port.", defaultValue = "8080")
  int httpPort;

  @Override
  public Integer call() throws Exception {
    return 0;
  }
}
