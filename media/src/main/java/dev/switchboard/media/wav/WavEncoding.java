package dev.switchboard.media.wav;

/** The sample encodings we read and write in WAV files (the WAVE format tag of the fmt chunk). */
public enum WavEncoding {
  /** Linear PCM (format tag 1), 16 bits when we write; 8, 16, 24 or 32 bits when we read. */
  PCM(1),
  /** ITU G.711 A-law (format tag 6), 8 bits. */
  ALAW(6),
  /** ITU G.711 µ-law (format tag 7), 8 bits. */
  MULAW(7);

  private final int formatTag;

  WavEncoding(int formatTag) {
    this.formatTag = formatTag;
  }

  /** The WAVE format tag. */
  public int formatTag() {
    return formatTag;
  }

  static WavEncoding ofTag(int tag) {
    for (WavEncoding e : values()) {
      if (e.formatTag == tag) {
        return e;
      }
    }
    return null;
  }
}
