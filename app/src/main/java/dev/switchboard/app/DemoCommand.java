package dev.switchboard.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code switchboard demo}: {@code serve} with a demo tenant and extensions ready to register. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the server with a demo tenant (demo.switchboard.test) and extensions 1001-1005.")
public final class DemoCommand implements Callable<Integer> {

  @Mixin NodeOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    return ServeCommand.run(
        out,
        options,
        node -> {
          DemoData.ensure(node.database());
          out.println(
              "  demo tenant:     " + DemoData.NAME + " (SIP domain " + DemoData.DOMAIN + ")");
          out.println(
              "  console sign-in: "
                  + DemoData.ADMIN_EMAIL
                  + " / "
                  + DemoData.ADMIN_PASSWORD
                  + "   (admin; open "
                  + node.httpUrl()
                  + "/)");
          out.println("  demo extensions (user / password):");
          for (DemoData.Extension e : DemoData.EXTENSIONS) {
            out.println(
                "    "
                    + e.user()
                    + "@"
                    + DemoData.DOMAIN
                    + " / "
                    + e.password()
                    + "   "
                    + e.displayName());
          }
          // The console is already up; the business history fills its pages as it is written.
          out.println("  business history: writing two years of demo history...");
          out.flush();
          long started = System.nanoTime();
          DemoData.ensureBusiness(node.database());
          out.printf(
              "  business history: ready (%d s)%n",
              TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
          out.flush();
        });
  }
}
