package dev.switchboard.sip.sdp;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A media encoding as an rtpmap names it: encoding name, clock rate and channels. Names compare
 * case-insensitively, as RFC 4855 registers them.
 */
public record Codec(String encodingName, int clockRate, int channels) {
  public static final Codec PCMU = new Codec("PCMU", 8000, 1);
  public static final Codec PCMA = new Codec("PCMA", 8000, 1);
  public static final Codec G722 = new Codec("G722", 8000, 1);
  public static final Codec G729 = new Codec("G729", 8000, 1);
  public static final Codec COMFORT_NOISE = new Codec("CN", 8000, 1);

  /** RFC 4733 DTMF events at 8 kHz. */
  public static final Codec TELEPHONE_EVENT = new Codec("telephone-event", 8000, 1);

  /** The static payload types of RFC 3551 §6 that a peer may use without an rtpmap. */
  private static final Map<Integer, Codec> STATIC =
      Map.ofEntries(
          Map.entry(0, PCMU),
          Map.entry(3, new Codec("GSM", 8000, 1)),
          Map.entry(4, new Codec("G723", 8000, 1)),
          Map.entry(5, new Codec("DVI4", 8000, 1)),
          Map.entry(6, new Codec("DVI4", 16000, 1)),
          Map.entry(7, new Codec("LPC", 8000, 1)),
          Map.entry(8, PCMA),
          Map.entry(9, G722),
          Map.entry(10, new Codec("L16", 44100, 2)),
          Map.entry(11, new Codec("L16", 44100, 1)),
          Map.entry(12, new Codec("QCELP", 8000, 1)),
          Map.entry(13, COMFORT_NOISE),
          Map.entry(14, new Codec("MPA", 90000, 1)),
          Map.entry(15, new Codec("G728", 8000, 1)),
          Map.entry(16, new Codec("DVI4", 11025, 1)),
          Map.entry(17, new Codec("DVI4", 22050, 1)),
          Map.entry(18, G729),
          Map.entry(25, new Codec("CelB", 90000, 1)),
          Map.entry(26, new Codec("JPEG", 90000, 1)),
          Map.entry(28, new Codec("nv", 90000, 1)),
          Map.entry(31, new Codec("H261", 90000, 1)),
          Map.entry(32, new Codec("MPV", 90000, 1)),
          Map.entry(33, new Codec("MP2T", 90000, 1)),
          Map.entry(34, new Codec("H263", 90000, 1)));

  public Codec {
    Grammar.requireToken(encodingName, "encoding name");
    if (clockRate < 1 || channels < 1 || channels > 255) {
      throw new IllegalArgumentException("clock rate must be positive and channels 1..255");
    }
  }

  /** The codec a static payload type stands for when no rtpmap says otherwise. */
  public static Optional<Codec> forStaticPayloadType(int payloadType) {
    return Optional.ofNullable(STATIC.get(payloadType));
  }

  /** What a payload type in a media description stands for: its rtpmap, else the static table. */
  public static Optional<Codec> of(MediaDescription media, int payloadType) {
    return media
        .rtpMap(payloadType)
        .map(m -> new Codec(m.encodingName(), m.clockRate(), m.channels()))
        .or(() -> forStaticPayloadType(payloadType));
  }

  /** Same encoding, ignoring the case of the name. */
  public boolean matches(Codec other) {
    return encodingName.equalsIgnoreCase(other.encodingName)
        && clockRate == other.clockRate
        && channels == other.channels;
  }

  /**
   * Whether this codec only accompanies a real one (DTMF events, comfort noise), so that agreeing
   * on it alone does not make a usable stream.
   */
  public boolean isAuxiliary() {
    String name = encodingName.toLowerCase(Locale.ROOT);
    return name.equals("telephone-event") || name.equals("cn");
  }
}
