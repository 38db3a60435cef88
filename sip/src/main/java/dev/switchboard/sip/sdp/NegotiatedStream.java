package dev.switchboard.sip.sdp;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What one completed offer/answer agreed for one m= line, seen from one side, as the RTP layer
 * needs it.
 *
 * <p>{@code send} carries the payload type number the peer expects, {@code receive} the number the
 * local side declared; they differ only when an answer renumbered a dynamic type. A rejected
 * stream, or one with no common codec, has no formats and is {@link Direction#INACTIVE}.
 *
 * @param index the position of the m= line
 * @param media the media type, e.g. {@code audio}
 * @param send the codec to send with, numbered as the peer declared it
 * @param receive the same codec numbered as the local side declared it
 * @param sendTelephoneEvent the RFC 4733 payload type to send DTMF with, if agreed
 * @param receiveTelephoneEvent the RFC 4733 payload type DTMF arrives with, if agreed
 * @param remote where to send RTP, absent when the stream is rejected
 * @param direction what the local side may do
 * @param remotePtime the packet time the peer asked for, in milliseconds
 */
public record NegotiatedStream(
    int index,
    String media,
    Optional<PayloadFormat> send,
    Optional<PayloadFormat> receive,
    OptionalInt sendTelephoneEvent,
    OptionalInt receiveTelephoneEvent,
    Optional<MediaAddress> remote,
    Direction direction,
    OptionalDouble remotePtime) {

  static NegotiatedStream rejected(int index, String media) {
    return new NegotiatedStream(
        index,
        media,
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        Optional.empty(),
        Direction.INACTIVE,
        OptionalDouble.empty());
  }

  /** Whether the stream was refused (port 0) or has no codec both sides support. */
  public boolean isRejected() {
    return send.isEmpty();
  }
}
