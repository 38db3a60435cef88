package dev.switchboard.console;

/**
 * What a tenant's media files take on disk, in bytes: voicemail recordings (with their metadata),
 * voicemail greetings, auto-attendant greetings and uploaded hold music.
 */
public record MediaBytes(
    long voicemailRecordings, long voicemailGreetings, long ivrGreetings, long holdMusic) {

  /** All of them together, the figure the tenant's usage shows first. */
  public long total() {
    return voicemailRecordings + voicemailGreetings + ivrGreetings + holdMusic;
  }
}
