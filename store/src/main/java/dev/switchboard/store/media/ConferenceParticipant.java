package dev.switchboard.store.media;

import java.time.Instant;

/** Someone in a conference room now: the room's number, who they are, whether muted, since when. */
public record ConferenceParticipant(String room, String caller, boolean muted, Instant joinedAt) {}
