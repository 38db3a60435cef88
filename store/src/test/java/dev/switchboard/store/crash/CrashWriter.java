package dev.switchboard.store.crash;

import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A child process for {@link EmbeddedCrashTest}: opens the database as the product does, reports
 * which of the ids it is told were acknowledged are missing, then inserts and updates rows one unit
 * of work at a time, printing each id only after its commit returned, until it is killed.
 *
 * <p>Arguments: JDBC URL, then the acknowledged ids as one comma-separated list (may be empty).
 */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try (Database db = Database.open(new DatabaseSettings(args[0], "sa", ""))) {
      db.jdbi()
          .useHandle(
              h ->
                  h.execute(
                      "CREATE TABLE IF NOT EXISTS crash_probe (id BIGINT PRIMARY KEY,"
                          + " body VARCHAR(400) NOT NULL)"));
      Set<Long> present =
          new HashSet<>(
              db.jdbi()
                  .withHandle(
                      h -> h.createQuery("SELECT id FROM crash_probe").mapTo(Long.class).list()));
      long missing = 0;
      long next = 1;
      for (String s : args.length > 1 ? args[1].split(",") : new String[0]) {
        if (!s.isBlank()) {
          long id = Long.parseLong(s.trim());
          missing += present.contains(id) ? 0 : 1;
        }
      }
      for (long id : present) {
        next = Math.max(next, id + 1);
      }
      out.println("verified missing=" + missing + " present=" + present.size());
      out.flush();
      java.util.Random random = new java.util.Random(next);
      while (true) {
        long id = next++;
        String body = "x".repeat(50 + random.nextInt(300));
        db.jdbi()
            .useHandle(
                h -> h.execute("INSERT INTO crash_probe (id, body) VALUES (?, ?)", id, body));
        if (id % 3 == 0) {
          // Updates rewrite pages that earlier chunks hold, which is what frees chunk space.
          long old = 1 + random.nextInt((int) id);
          db.jdbi()
              .useHandle(h -> h.execute("UPDATE crash_probe SET body = ? WHERE id = ?", "y", old));
        }
        out.println("ack " + id);
        out.flush();
      }
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.exit(3);
    }
  }

  static List<String> command(String url, String acked) {
    return List.of(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp",
        System.getProperty("java.class.path"),
        CrashWriter.class.getName(),
        url,
        acked);
  }
}
