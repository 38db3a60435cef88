package dev.switchboard.app;

import dev.switchboard.console.AdminToken;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code switchboard serve}: runs the SIP service and the HTTP console in one process. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server.")
public final class ServeCommand implements Callable<Integer> {

  @Mixin NodeOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return run(spec.commandLine().getOut(), options, node -> {});
  }

  /** Starts a node, prints how to reach it, runs {@code afterStart}, then waits for shutdown. */
  static int run(PrintWriter out, NodeOptions options, java.util.function.Consumer<Node> afterStart)
      throws InterruptedException {
    String given = options.givenAdminToken();
    boolean generated = given == null;
    String token = generated ? AdminToken.generate() : given;
    options.http(); // a bad --public-url or --trusted-proxy is a usage error before anything opens
    Node node = Node.start(options, token);
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "switchboard-shutdown"));
    out.println("Switchboard is running.");
    out.println("  console and API: " + node.httpUrl() + "/");
    if (options.http().publicUrl() != null) {
      out.println("  public URL:      " + options.http().publicUrl());
    }
    out.println("  SIP (UDP, TCP):  " + node.sipAddress());
    if (node.sipTlsAddress() != null) {
      out.println(
          "  SIP (TLS):       "
              + node.sipTlsAddress()
              + (options.tlsCert != null
                  ? "   certificate " + options.tlsCert
                  : "   self-signed certificate in "
                      + options.data.resolve("tls").toAbsolutePath().normalize()));
    }
    out.println(
        "  database:        "
            + (options.database().isEmbedded()
                ? "embedded H2 in " + options.data.toAbsolutePath().normalize()
                : options.database().redactedUrl()));
    if (generated) {
      out.println("  admin token:     " + token + "   (generated; shown only this once)");
    } else {
      out.println(
          "  admin token:     as given by "
              + (options.adminTokenFile != null
                  ? "--admin-token-file " + options.adminTokenFile
                  : "--admin-token / SWITCHBOARD_ADMIN_TOKEN"));
    }
    afterStart.accept(node);
    out.flush();
    node.awaitClose();
    return 0;
  }
}
