package dev.switchboard.bench.sigcomp;

import dev.switchboard.sip.sigcomp.CallFlow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compression ratios of docs/sigcomp.md: each message of a typical call compressed by our
 * SigComp compressor, (1) as the first message of a compartment — bytecode uploaded, RFC 3485
 * dictionary only — (2) the same in a call with shared compression (RFC 3321), and (3) in the next
 * call, with the state the first call left. Run:
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.switchboard.bench.sigcomp.SigCompRatios</pre>
 */
public final class SigCompRatios {
  private SigCompRatios() {}

  public static void main(String[] args) {
    String[] names = {
      "register", "register-ok", "invite", "trying", "ringing", "invite-ok", "ack", "bye", "bye-ok"
    };
    Map<String, Integer> first = new LinkedHashMap<>();
    for (String name : names) {
      // A fresh pair for each message: it is the first thing either side has seen.
      first.put(name, new Link(false).send(CallFlow.get(name)).length);
    }
    Map<String, Integer> call = new LinkedHashMap<>();
    Map<String, Integer> later = new LinkedHashMap<>();
    Link link = new Link(true);
    for (CallFlow.Message m : CallFlow.MESSAGES) {
      call.putIfAbsent(m.name(), link.send(m).length);
    }
    for (CallFlow.Message m : CallFlow.MESSAGES) {
      if (!m.name().startsWith("register")) {
        later.putIfAbsent(m.name(), link.send(CallFlow.later(m)).length);
      }
    }
    later.put("reregister", link.send(CallFlow.later(CallFlow.get("reregister"))).length);
    later.put("reregister-ok", link.send(CallFlow.later(CallFlow.get("reregister-ok"))).length);

    System.out.println(
        "| message | bytes | first message | in the first call | in the next call |");
    System.out.println("|---|---|---|---|---|");
    for (CallFlow.Message m : CallFlow.MESSAGES) {
      int plain = m.bytes().length;
      String key = m.name();
      String firstCell = first.containsKey(key) ? cell(first.get(key), plain) : "";
      String laterCell = later.containsKey(key) ? cell(later.get(key), plain) : "";
      System.out.printf(
          "| %s (%s) | %d | %s | %s | %s |%n",
          key,
          m.fromPhone() ? "phone → server" : "server → phone",
          plain,
          firstCell,
          cell(call.get(key), plain),
          laterCell);
    }
  }

  private static String cell(int compressed, int plain) {
    return String.format("%d (%.0f %%)", compressed, 100.0 * compressed / plain);
  }
}
