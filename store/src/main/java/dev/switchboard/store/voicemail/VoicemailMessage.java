package dev.switchboard.store.voicemail;

import java.time.Instant;

/**
 * One message left in a mailbox.
 *
 * @param id the message's name in its mailbox (sorts by arrival)
 * @param caller who left it, the caller's address as the INVITE's From said
 * @param receivedAt when the call was answered
 * @param durationMillis how long the recording is
 * @param saved whether the owner kept it after listening (an old message); else it is new
 */
public record VoicemailMessage(
    String id, String caller, Instant receivedAt, long durationMillis, boolean saved) {}
