package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard demo} as a user runs it: twice on the same data directory. */
class DemoTest {

  @TempDir Path tmp;

  @Test
  void demoPrintsCredentialsAndIsIdempotent() throws Exception {
    List<String> args =
        List.of(
            "demo",
            "--data",
            tmp.resolve("data").toString(),
            "--bind",
            "127.0.0.1",
            "--http-port",
            "0",
            "--sip-port",
            "0");
    for (int run = 1; run <= 2; run++) {
      try (ServerProcess demo = ServerProcess.start(tmp.resolve("demo" + run + ".log"), args)) {
        demo.awaitUrl(60);
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(30))
            .until(() -> demo.output().stream().anyMatch(l -> l.contains("1005@")));
        List<String> out = demo.output();
        assertThat(out).anyMatch(l -> l.contains("admin token:") && l.contains("generated"));
        assertThat(out).anyMatch(l -> l.contains("demo.switchboard.test"));
        assertThat(out).anyMatch(l -> l.contains("1001@demo.switchboard.test / demo1001"));
        assertThat(out)
            .anyMatch(
                l ->
                    l.contains(
                        "console sign-in: admin@demo.switchboard.test / demo-admin-password"));
        demo.kill();
      }
    }
  }
}
