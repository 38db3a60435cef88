package dev.switchboard.console;

import dev.switchboard.store.media.ConferenceRooms;
import dev.switchboard.store.media.ConferenceRoster;
import dev.switchboard.store.media.HoldMusicFiles;
import dev.switchboard.store.media.IvrMenus;
import dev.switchboard.store.security.SecurityDesk;
import dev.switchboard.store.usage.Registrations;
import dev.switchboard.store.voicemail.Mailboxes;
import java.util.function.Supplier;

/**
 * What the console shows of the running node beyond the database: who is registered now, the SIP
 * edge's security record, the metrics in Prometheus' text format, the voicemail boxes, who is on
 * the phone now, the auto-attendant menus and conference rooms and who is in the rooms now, and the
 * tenants' hold music. A node without SIP passes {@link #NONE}.
 */
public record NodeState(
    Registrations registrations,
    SecurityDesk security,
    Supplier<String> prometheus,
    Mailboxes voicemail,
    LiveLines lines,
    IvrMenus ivrMenus,
    ConferenceRooms conferenceRooms,
    ConferenceRoster conferences,
    HoldMusicFiles holdMusic) {

  /** A node without uploaded hold music: its routes answer 404. */
  public NodeState(
      Registrations registrations,
      SecurityDesk security,
      Supplier<String> prometheus,
      Mailboxes voicemail,
      LiveLines lines,
      IvrMenus ivrMenus,
      ConferenceRooms conferenceRooms,
      ConferenceRoster conferences) {
    this(
        registrations,
        security,
        prometheus,
        voicemail,
        lines,
        ivrMenus,
        conferenceRooms,
        conferences,
        null);
  }

  /** A node without menus or rooms: their routes answer 404. */
  public NodeState(
      Registrations registrations,
      SecurityDesk security,
      Supplier<String> prometheus,
      Mailboxes voicemail,
      LiveLines lines) {
    this(registrations, security, prometheus, voicemail, lines, null, null, ConferenceRoster.NONE);
  }

  /** A node with menus and rooms but without the PBX's call state. */
  public NodeState(
      Registrations registrations,
      SecurityDesk security,
      Supplier<String> prometheus,
      Mailboxes voicemail,
      IvrMenus ivrMenus,
      ConferenceRooms conferenceRooms,
      ConferenceRoster conferences) {
    this(
        registrations,
        security,
        prometheus,
        voicemail,
        LiveLines.NONE,
        ivrMenus,
        conferenceRooms,
        conferences);
  }

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

  /**
   * The bytes {@code domain}'s media files take under the data directory now; a store this node
   * does not keep counts zero.
   */
  public MediaBytes mediaBytes(String domain) {
    Mailboxes.Footprint mail =
        voicemail == null ? new Mailboxes.Footprint(0, 0) : voicemail.footprint(domain);
    return new MediaBytes(
        mail.recordings(),
        mail.greetings(),
        ivrMenus == null ? 0 : ivrMenus.greetingBytes(domain),
        holdMusic == null ? 0 : holdMusic.bytes(domain));
  }

  public static final NodeState NONE =
      new NodeState(Registrations.NONE, SecurityDesk.NONE, () -> "");
}
