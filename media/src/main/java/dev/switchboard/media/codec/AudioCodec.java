package dev.switchboard.media.codec;

/**
 * An audio codec with a static RTP payload type, converting between linear PCM and payload bytes.
 */
public sealed interface AudioCodec permits G711 {

  /** The RTP payload type (RFC 3551 static assignment). */
  int payloadType();

  /** The encoding name as written in SDP {@code a=rtpmap} (e.g. {@code PCMU}). */
  String encodingName();

  /** The RTP clock rate in Hz. */
  int clockRate();

  /** Bytes of payload that {@code samples} samples encode to. */
  int payloadBytes(int samples);

  /** Samples that {@code bytes} bytes of payload decode to. */
  int samples(int bytes);

  /** Encodes {@code samples} samples of {@code pcm} from {@code pcmOffset} into {@code out}. */
  void encode(short[] pcm, int pcmOffset, int samples, byte[] out, int outOffset);

  /** Decodes {@code length} payload bytes into {@code pcm}; returns the number of samples. */
  int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset);

  /** The codec for a static payload type, or {@code null} when we have none for it. */
  static AudioCodec forPayloadType(int payloadType) {
    for (G711 codec : G711.values()) {
      if (codec.payloadType() == payloadType) {
        return codec;
      }
    }
    return null;
  }
}
