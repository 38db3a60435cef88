package dev.switchboard.sip.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  /**
   * The formats of an RTP media description whose codec is known (from its rtpmap or the static
   * table), in m= order, each payload type once.
   */
  public static List<PayloadFormat> declaredIn(MediaDescription media) {
    // index the attributes once: an m= line may list thousands of formats
    Map<Integer, RtpMap> rtpMaps = new HashMap<>();
    for (RtpMap m : media.rtpMaps()) {
      rtpMaps.putIfAbsent(m.payloadType(), m);
    }
    Map<String, String> fmtps = new HashMap<>();
    for (Fmtp f : media.fmtps()) {
      fmtps.putIfAbsent(f.format(), f.parameters());
    }
    Set<Integer> seen = new LinkedHashSet<>();
    List<PayloadFormat> formats = new ArrayList<>();
    for (int type : media.payloadTypes()) {
      if (!seen.add(type)) {
        continue;
      }
      RtpMap map = rtpMaps.get(type);
      Optional<Codec> codec =
          map != null
              ? Optional.of(new Codec(map.encodingName(), map.clockRate(), map.channels()))
              : Codec.forStaticPayloadType(type);
      codec.ifPresent(
          c ->
              formats.add(
                  new PayloadFormat(type, c, fmtps.getOrDefault(Integer.toString(type), ""))));
    }
    return List.copyOf(formats);
  }

  RtpMap rtpMap() {
    return new RtpMap(payloadType, codec.encodingName(), codec.clockRate(), codec.channels());
  }
}
