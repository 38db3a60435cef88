package dev.switchboard.store.media;

import java.util.List;

/** Who is in a tenant's conference rooms right now (the running node's view, not stored). */
@FunctionalInterface
public interface ConferenceRoster {
  /** A node without conference rooms: nobody anywhere. */
  ConferenceRoster NONE = domain -> List.of();

  List<ConferenceParticipant> participants(String domain);
}
