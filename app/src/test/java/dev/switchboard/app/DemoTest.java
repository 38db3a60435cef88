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
    int[] customers = new int[2];
    for (int run = 1; run <= 2; run++) {
      try (ServerProcess demo = ServerProcess.start(tmp.resolve("demo" + run + ".log"), args)) {
        String url = demo.awaitUrl(60);
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
        // Two years of business history: hundreds of customers, the same on the second run.
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(run == 1 ? 300 : 60))
            .until(
                () -> demo.output().stream().anyMatch(l -> l.contains("business history: ready")));
        // The same customers after the second run: the business seeds skip what is there.
        String token =
            out.stream()
                .filter(l -> l.contains("admin token:"))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*admin token:\\s+(\\S+).*", "$1");
        var summary =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                    java.net.http.HttpClient.newHttpClient()
                        .send(
                            java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create(url + "/api/v1/metrics/summary"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                        .body());
        customers[run - 1] = summary.get("customers").asInt();
        assertThat(customers[run - 1]).as("paying customers").isBetween(150, 500);
        demo.kill();
      }
    }
    assertThat(customers[1]).isEqualTo(customers[0]);
  }
}
