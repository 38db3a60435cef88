package dev.switchboard.console;

import dev.switchboard.store.security.SecurityDesk;
import dev.switchboard.store.usage.Registrations;
import dev.switchboard.store.voicemail.Mailboxes;
import java.util.function.Supplier;

/**
 * What the console shows of the running node beyond the database: who is registered now, the SIP
 * edge's security record, the metrics in Prometheus' text format, the voicemail boxes, and who is
 * on the phone now. A node without SIP passes {@link #NONE}.
 */
public record NodeState(
    Registrations registrations,
    SecurityDesk security,
    Supplier<String> prometheus,
    Mailboxes voicemail,
    LiveLines lines) {

  /** A node without voicemail: the mailbox routes answer 404. */
  public NodeState(
      Registrations registrations, SecurityDesk security, Supplier<String> prometheus) {
    this(registrations, security, prometheus, null);
  }

  /** A node without the PBX's call state: nobody is on the phone. */
  public NodeState(
      Registrations registrations,
      SecurityDesk security,
      Supplier<String> prometheus,
      Mailboxes voicemail) {
    this(registrations, security, prometheus, voicemail, LiveLines.NONE);
  }

  public static final NodeState NONE =
      new NodeState(Registrations.NONE, SecurityDesk.NONE, () -> "");
}
