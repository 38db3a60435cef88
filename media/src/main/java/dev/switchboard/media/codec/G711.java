package dev.switchboard.media.codec;

/** ITU-T G.711 in its two companding laws: µ-law (PCMU, payload type 0) and A-law (PCMA, 8). */
public enum G711 implements AudioCodec {
  /** µ-law, used in North America and Japan. */
  PCMU(0, "PCMU") {
    @Override
    public byte encodeSample(short sample) {
      return MuLaw.encode(sample);
    }

    @Override
    public short decodeSample(byte code) {
      return MuLaw.decode(code);
    }
  },
  /** A-law, used in Europe and China. */
  PCMA(8, "PCMA") {
    @Override
    public byte encodeSample(short sample) {
      return ALaw.encode(sample);
    }

    @Override
    public short decodeSample(byte code) {
      return ALaw.decode(code);
    }
  };

  private final int payloadType;
  private final String encodingName;

  G711(int payloadType, String encodingName) {
    this.payloadType = payloadType;
    this.encodingName = encodingName;
  }

  /** One linear sample to its 8-bit code. */
  public abstract byte encodeSample(short sample);

  /** One 8-bit code to its linear sample. */
  public abstract short decodeSample(byte code);

  @Override
  public int payloadType() {
    return payloadType;
  }

  @Override
  public String encodingName() {
    return encodingName;
  }

  @Override
  public int clockRate() {
    return 8000;
  }

  @Override
  public int payloadBytes(int samples) {
    return samples;
  }

  @Override
  public int samples(int bytes) {
    return bytes;
  }

  @Override
  public void encode(short[] pcm, int pcmOffset, int samples, byte[] out, int outOffset) {
    for (int i = 0; i < samples; i++) {
      out[outOffset + i] = encodeSample(pcm[pcmOffset + i]);
    }
  }

  @Override
  public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
    for (int i = 0; i < length; i++) {
      pcm[pcmOffset + i] = decodeSample(payload[offset + i]);
    }
    return length;
  }
}
