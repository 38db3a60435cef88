package dev.switchboard.store.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.DatabaseSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database keeps every commit it acknowledged across repeated {@code kill -9}s, at
 * random instants while it writes, including after freed file space starts being reused (H2 2.5
 * lost commits exactly then; the retention time is shortened here so that happens within seconds
 * instead of after 45 s of writing).
 */
class EmbeddedCrashTest {
  private static final int KILLS = 6;
  private static final int MIN_ACKS_PER_ROUND = 20;

  @TempDir Path dir;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void everyAcknowledgedCommitSurvivesRepeatedKillNine() throws Exception {
    String url = DatabaseSettings.embedded(dir).url() + ";RETENTION_TIME=500";
    List<Long> acked = new ArrayList<>();
    Random random = new Random(7);
    for (int round = 0; round <= KILLS; round++) {
      StringBuilder ids = new StringBuilder();
      for (long id : acked) {
        ids.append(id).append(',');
      }
      Process p =
          new ProcessBuilder(CrashWriter.command(url, ids.toString()))
              .redirectError(dir.resolve("writer-" + round + ".err").toFile())
              .start();
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String first = in.readLine();
        assertThat(first)
            .as("round %d: the writer's check of %d acknowledged ids", round, acked.size())
            .isNotNull()
            .startsWith("verified missing=0 ");
        if (round == KILLS) {
          break;
        }
        long killAt =
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800 + random.nextInt(1_700));
        String line;
        int roundAcks = 0;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("ack ")) {
            acked.add(Long.parseLong(line.substring(4)));
            roundAcks++;
          }
          // A few commits per round at least, however slow a loaded machine makes the writer.
          if (System.nanoTime() >= killAt && roundAcks >= MIN_ACKS_PER_ROUND) {
            // SIGKILL through the handle, which (unlike Process.destroy) leaves the pipe to read.
            p.toHandle().destroyForcibly();
            break;
          }
        }
        // Whatever was printed before the kill took effect was acknowledged too.
        while ((line = in.readLine()) != null) {
          if (line.startsWith("ack ")) {
            acked.add(Long.parseLong(line.substring(4)));
          }
        }
      } finally {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
    assertThat(acked).hasSizeGreaterThanOrEqualTo(KILLS * MIN_ACKS_PER_ROUND);
  }
}
