package dev.switchboard.sip.sdp;

import java.util.Optional;

/**
 * A codec bound to an RTP payload type number, with its {@code a=fmtp} parameters ("" when none).
 */
public record PayloadFormat(int payloadType, Codec codec, String parameters) {

  public PayloadFormat {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
    }
    if (codec == null) {
      throw new IllegalArgumentException("codec is missing");
    }
    Grammar.requireText(parameters, "format parameters");
  }

  public static PayloadFormat of(int payloadType, Codec codec) {
    return new PayloadFormat(payloadType, codec, "");
  }

  /** The format as a media description declares it, if the payload type is known there. */
  static Optional<PayloadFormat> in(MediaDescription media, int payloadType) {
    return Codec.of(media, payloadType)
        .map(
            codec ->
                new PayloadFormat(
                    payloadType,
                    codec,
                    media.fmtp(Integer.toString(payloadType)).map(Fmtp::parameters).orElse("")));
  }

  RtpMap rtpMap() {
    return new RtpMap(payloadType, codec.encodingName(), codec.clockRate(), codec.channels());
  }
}
