package dev.switchboard.ua;

import dev.switchboard.media.clock.MediaClock;
import dev.switchboard.media.rtp.MediaTransport;

/**
 * What a user agent's calls take their audio from: the RTP ports, the 20 ms clock, the address
 * written into SDP (the bind address unless that is a wildcard) and the RTCP CNAME.
 */
public record MediaSettings(
    MediaTransport transport, MediaClock clock, String advertisedAddress, String cname) {

  /** Settings advertising the transport's bind address. */
  public static MediaSettings of(MediaTransport transport, MediaClock clock, String cname) {
    return new MediaSettings(transport, clock, transport.bindAddress().getHostAddress(), cname);
  }
}
