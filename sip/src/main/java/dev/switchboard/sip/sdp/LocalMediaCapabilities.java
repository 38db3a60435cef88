package dev.switchboard.sip.sdp;

import java.util.List;

/**
 * What this endpoint can do, for building offers and answers: the o= username, the address media is
 * received on and the streams it can handle.
 *
 * <p>Each stream capability answers at most one offered m= line (the first of its media type and
 * profile); further ones are rejected, since each needs its own port.
 */
public record LocalMediaCapabilities(
    String username, Connection connection, List<MediaCapability> streams) {

  public LocalMediaCapabilities {
    Grammar.requireNonWhitespace(username, "username");
    if (connection == null) {
      throw new IllegalArgumentException("connection is required");
    }
    streams = Grammar.copy(streams, "streams");
  }

  /**
   * One G.711 audio stream (see {@link MediaCapability#g711Audio}) on the given address and port.
   */
  public static LocalMediaCapabilities g711(String address, int port) {
    return new LocalMediaCapabilities(
        "-", Connection.of(address), List.of(MediaCapability.g711Audio(port)));
  }

  /** The same capabilities with every stream set to one direction, e.g. sendonly while holding. */
  public LocalMediaCapabilities withDirection(Direction direction) {
    return new LocalMediaCapabilities(
        username, connection, streams.stream().map(s -> s.withDirection(direction)).toList());
  }
}
