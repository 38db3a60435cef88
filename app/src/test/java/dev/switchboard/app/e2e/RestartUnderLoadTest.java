package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.sipp.Sipp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of {@code serve} (embedded H2) in the middle of a digest REGISTER load loses no
 * binding that a phone got a 200 for: after a restart on the same data and port, every one is
 * listed by the API.
 */
class RestartUnderLoadTest {
  private static final int USERS = 200;
  private static final Pattern TO = Pattern.compile("(?m)^To:\\s*<sip:([^@>]+)@a\\.test>");

  @TempDir Path dir;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void everyAcknowledgedBindingSurvivesKillDashNineUnderRegisterLoad() throws Exception {
    Path data = dir.resolve("data");
    List<String> users = new ArrayList<>();
    StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
    for (int i = 0; i < USERS; i++) {
      String user = Integer.toString(5000 + i);
      users.add(user);
      csv.append(user)
          .append(";a.test;")
          .append(Switchboard.sippAuth(user))
          .append(";127.0.0.1:9\n");
    }
    Path injection = Files.writeString(dir.resolve("users.csv"), csv);
    Path work = Files.createDirectories(dir.resolve("sipp-load"));
    Set<String> beforeKill;
    int port;
    try (Switchboard first = Switchboard.start(data, 0)) {
      port = first.sipPort(); // the restart takes the same port
      first.tenant("a.test");
      // Eight at a time: one by one, 200 accounts take several seconds of the test's budget.
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> made = new ArrayList<>();
        for (String user : users) {
          made.add(
              pool.submit(
                  () ->
                      first.post(
                          "/api/v1/tenants/a.test/accounts",
                          Map.of("user", user, "password", Switchboard.password(user)))));
        }
        for (Future<?> f : made) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      Sipp.Running load =
          Sipp.scenario(Switchboard.scenario(dir, "register-uac.xml"))
              .remote("127.0.0.1", port)
              .injection(injection)
              .calls(USERS)
              .rate(100)
              .timeout(Duration.ofSeconds(20))
              .workDir(work)
              .start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (acknowledged(work).size() < USERS / 4 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        first.kill();
        beforeKill = acknowledged(work);
      } finally {
        load.close();
      }
    }
    // SIPp is gone too: what it was told before the kill is the whole claim.
    assertThat(beforeKill).as("200s before the kill").isNotEmpty();
    assertThat(beforeKill.size()).as("the kill came mid-load").isLessThan(USERS);
    try (Switchboard second = Switchboard.start(data, port)) {
      Set<String> listed = new HashSet<>(second.aors("a.test"));
      List<String> lost =
          beforeKill.stream()
              .map(u -> "sip:" + u + "@a.test")
              .filter(a -> !listed.contains(a))
              .toList();
      assertThat(lost)
          .as("%d acknowledged before the kill, %d listed after", beforeKill.size(), listed.size())
          .isEmpty();
    }
  }

  /** The users SIPp received a 200 for, read from its message trace. */
  private static Set<String> acknowledged(Path work) throws Exception {
    Path log = work.resolve("messages.log");
    Set<String> users = new HashSet<>();
    if (!Files.exists(log)) {
      return users;
    }
    String text = Files.readString(log, StandardCharsets.ISO_8859_1);
    for (String block : text.split("-{20,}")) {
      if (block.contains("message received")
          && block.contains("\nSIP/2.0 200")
          && block.contains("REGISTER")) {
        Matcher m = TO.matcher(block);
        if (m.find()) {
          users.add(m.group(1));
        }
      }
    }
    return users;
  }
}
