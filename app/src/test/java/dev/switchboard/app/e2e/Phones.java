package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.sipp.Sipp;
import dev.switchboard.server.sipp.Sipp.Result;
import dev.switchboard.server.sipp.Sipp.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * SIPp phones for the end-to-end tests: a callee registers from the very port it then answers on,
 * because the proxy sends to the flow a binding came over, and a caller answers the 407.
 */
final class Phones {
  private Phones() {}

  /** Registers {@code user@domain} with digest auth from 127.0.0.1:{@code localPort}. */
  static void register(
      Path dir, String host, int serverPort, String user, String domain, int localPort)
      throws Exception {
    register(dir, host, serverPort, user, domain, Switchboard.password(user), localPort);
  }

  /** Registers with an explicit password (Kamailio's users share one). */
  static void register(
      Path dir,
      String host,
      int serverPort,
      String user,
      String domain,
      String password,
      int localPort)
      throws Exception {
    Path csv = dir.resolve("reg-" + user + "-" + domain + ".csv");
    Files.writeString(
        csv,
        "SEQUENTIAL\n"
            + user
            + ";"
            + domain
            + ";"
            + "[authentication username="
            + user
            + " password="
            + password
            + "]"
            + ";127.0.0.1:"
            + localPort
            + "\n");
    Result r =
        Sipp.scenario(Switchboard.scenario(dir, "register-uac.xml"))
            .remote(host, serverPort)
            .localPort(localPort)
            .injection(csv)
            .timeout(Duration.ofSeconds(10))
            .workDir(Files.createDirectories(dir.resolve("sipp-reg-" + user + "-" + domain)))
            .run();
    assertThat(r.allSucceeded())
        .as("register " + user + "@" + domain + ": " + r.describe())
        .isTrue();
  }

  /**
   * Registers {@code user@domain} at the server and starts a callee SIPp running {@code scenario}
   * on the same port; close the returned process (or await it).
   */
  static Sipp.Running callee(
      Path dir, Switchboard server, String user, String domain, Path scenario) throws Exception {
    return callee(dir, "127.0.0.1", server.sipPort(), user, domain, scenario);
  }

  static Sipp.Running callee(
      Path dir, String host, int serverPort, String user, String domain, Path scenario)
      throws Exception {
    return callee(dir, host, serverPort, user, domain, Switchboard.password(user), scenario);
  }

  static Sipp.Running callee(
      Path dir,
      String host,
      int serverPort,
      String user,
      String domain,
      String password,
      Path scenario)
      throws Exception {
    int port = Sipp.freePort(Transport.UDP);
    register(dir, host, serverPort, user, domain, password, port);
    Sipp.Running uas =
        Sipp.scenario(scenario)
            .localPort(port)
            .timeout(Duration.ofSeconds(20))
            .workDir(Files.createDirectories(dir.resolve("sipp-uas-" + user + "-" + domain)))
            .start();
    Thread.sleep(300); // SIPp binds its socket shortly after starting.
    return uas;
  }

  /** A caller SIPp: {@code from@fromDomain} calls {@code to@toDomain} through the server. */
  static Sipp caller(
      Path dir,
      int serverPort,
      Path scenario,
      String from,
      String fromDomain,
      String to,
      String toDomain)
      throws Exception {
    return caller(
        dir, serverPort, scenario, from, fromDomain, to, toDomain, Switchboard.password(from));
  }

  static Sipp caller(
      Path dir,
      int serverPort,
      Path scenario,
      String from,
      String fromDomain,
      String to,
      String toDomain,
      String password)
      throws Exception {
    return Sipp.scenario(scenario)
        .remote("127.0.0.1", serverPort)
        .set("from", from)
        .set("fromdomain", fromDomain)
        .set("to", to)
        .set("todomain", toDomain)
        .args("-au", from, "-ap", password)
        .timeout(Duration.ofSeconds(15))
        .workDir(Files.createTempDirectory(dir, "sipp-uac-" + from + "-" + to + "-"));
  }

  /** proxy-uac-fail.xml expecting {@code status} as the final answer. */
  static Path failScenario(Path dir, int status) throws Exception {
    return Switchboard.scenario(
        dir,
        "proxy-uac-" + status + ".xml",
        Files.readString(Switchboard.scenario(dir, "proxy-uac-fail.xml"))
            .replace("@STATUS@", "" + status));
  }

  static void assertOk(Result r) {
    assertThat(r.allSucceeded()).as(r.describe()).isTrue();
  }
}
