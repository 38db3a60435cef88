package dev.switchboard.sip.sdp;

/** SDP test data written from the examples described in RFC 3264 §10, RFC 4317 and RFC 8866 §5. */
final class Examples {
  private Examples() {}

  /** Joins lines with CRLF, ending the last one too. */
  static String sdp(String... lines) {
    return String.join("\r\n", lines) + "\r\n";
  }

  /** RFC 3264 §10.1 / RFC 4317 §2.1: Alice offers PCMU, PCMA, iLBC and two video codecs. */
  static final String ALICE_OFFER =
      sdp(
          "v=0",
          "o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com",
          "s=",
          "c=IN IP4 host.atlanta.example.com",
          "t=0 0",
          "m=audio 49170 RTP/AVP 0 8 97",
          "a=rtpmap:0 PCMU/8000",
          "a=rtpmap:8 PCMA/8000",
          "a=rtpmap:97 iLBC/8000",
          "m=video 51372 RTP/AVP 31 32",
          "a=rtpmap:31 H261/90000",
          "a=rtpmap:32 MPV/90000");

  /** RFC 3264 §10.1: Bob answers PCMU and MPV. */
  static final String BOB_ANSWER =
      sdp(
          "v=0",
          "o=bob 2808844564 2808844564 IN IP4 host.biloxi.example.com",
          "s=",
          "c=IN IP4 host.biloxi.example.com",
          "t=0 0",
          "m=audio 49174 RTP/AVP 0",
          "a=rtpmap:0 PCMU/8000",
          "m=video 49170 RTP/AVP 32",
          "a=rtpmap:32 MPV/90000");

  /** RFC 3264 §10.1: Bob re-offers, dropping video and adding a receive-only event stream. */
  static final String BOB_REOFFER =
      sdp(
          "v=0",
          "o=bob 2808844564 2808844565 IN IP4 host.biloxi.example.com",
          "s=",
          "c=IN IP4 host.biloxi.example.com",
          "t=0 0",
          "m=audio 65422 RTP/AVP 0",
          "a=rtpmap:0 PCMU/8000",
          "m=video 0 RTP/AVP 32",
          "a=rtpmap:32 MPV/90000",
          "m=audio 51434 RTP/AVP 110",
          "a=rtpmap:110 telephone-events/8000",
          "a=recvonly");

  /** RFC 4317 §2.4: audio and video offered, video refused with port 0. */
  static final String VIDEO_REJECTED_ANSWER =
      sdp(
          "v=0",
          "o=bob 2808844564 2808844564 IN IP4 host.biloxi.example.com",
          "s=",
          "c=IN IP4 host.biloxi.example.com",
          "t=0 0",
          "m=audio 49172 RTP/AVP 0",
          "a=rtpmap:0 PCMU/8000",
          "m=video 0 RTP/AVP 31",
          "a=rtpmap:31 H261/90000");

  /** RFC 4317 style: audio with telephone-event on dynamic type 97. */
  static final String DTMF_OFFER =
      sdp(
          "v=0",
          "o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com",
          "s=-",
          "c=IN IP4 192.0.2.101",
          "t=0 0",
          "m=audio 49170 RTP/AVP 0 97",
          "a=rtpmap:0 PCMU/8000",
          "a=rtpmap:97 telephone-event/8000",
          "a=fmtp:97 0-15");

  /** An answer that renumbers telephone-event to 100, which RFC 3264 §6.1 allows. */
  static final String DTMF_ANSWER_RENUMBERED =
      sdp(
          "v=0",
          "o=bob 2808844564 2808844564 IN IP4 host.biloxi.example.com",
          "s=-",
          "c=IN IP4 192.0.2.201",
          "t=0 0",
          "m=audio 49172 RTP/AVP 0 100",
          "a=rtpmap:0 PCMU/8000",
          "a=rtpmap:100 telephone-event/8000",
          "a=fmtp:100 0-15");

  /** RFC 8866 §5 example: every session-level text field, a media-level c= and IPv6. */
  static final String RFC8866_EXAMPLE =
      sdp(
          "v=0",
          "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1",
          "s=Call to John Smith",
          "i=SDP Offer #1",
          "u=http://www.jdoe.example.com/home.html",
          "e=Jane Doe <jane@jdoe.example.com>",
          "p=+1 617 555-6011",
          "c=IN IP4 198.51.100.1",
          "t=0 0",
          "m=audio 49170 RTP/AVP 0",
          "m=audio 49180 RTP/AVP 0",
          "m=video 51372 RTP/AVP 99",
          "c=IN IP6 2001:db8::2",
          "a=rtpmap:99 h263-1998/90000");

  /** A scheduled multicast session using every time line and the obsolete k=. */
  static final String SCHEDULED =
      sdp(
          "v=0",
          "o=mhandley 2890844526 2890842807 IN IP4 10.47.16.5",
          "s=SDP Seminar",
          "i=A Seminar on the session description protocol",
          "u=http://www.example.com/seminars/sdp.pdf",
          "e=j.doe@example.com (Jane Doe)",
          "e=bob@example.com",
          "p=+1 617 555-6011",
          "c=IN IP4 224.2.17.12/127",
          "b=CT:1000",
          "t=2873397496 2873404696",
          "r=604800 3600 0 90000",
          "t=3034423619 3042462419",
          "r=7d 1h 0 25h",
          "z=2882844526 -1h 2898848070 0",
          "k=prompt",
          "a=recvonly",
          "a=tool:switchboard",
          "m=audio 49170/2 RTP/AVP 0",
          "i=the talk",
          "c=IN IP4 224.2.17.12/127/2",
          "c=IN IP4 224.2.17.14/127/2",
          "b=AS:64",
          "k=clear:secret",
          "a=ptime:20",
          "m=application 32416 udp wb",
          "a=orient:portrait");

  /** What a desk phone typically sends: ptime, rtcp, mid, unknown attributes. */
  static final String DESK_PHONE =
      sdp(
          "v=0",
          "o=- 1716384000 1716384000 IN IP4 192.0.2.10",
          "s=Switchboard",
          "c=IN IP4 192.0.2.10",
          "b=AS:84",
          "t=0 0",
          "a=X-nat:0",
          "m=audio 4000 RTP/AVP 9 0 8 18 101",
          "b=TIAS:64000",
          "a=rtcp:4001 IN IP4 192.0.2.10",
          "a=mid:audio0",
          "a=rtpmap:9 G722/8000",
          "a=rtpmap:0 PCMU/8000",
          "a=rtpmap:8 PCMA/8000",
          "a=rtpmap:18 G729/8000",
          "a=fmtp:18 annexb=no",
          "a=rtpmap:101 telephone-event/8000",
          "a=fmtp:101 0-16",
          "a=ptime:20",
          "a=maxptime:150",
          "a=x-custom-thing",
          "a=ssrc:12345 cname:abc",
          "a=sendrecv");

  static final String[] ALL = {
    ALICE_OFFER,
    BOB_ANSWER,
    BOB_REOFFER,
    VIDEO_REJECTED_ANSWER,
    DTMF_OFFER,
    DTMF_ANSWER_RENUMBERED,
    RFC8866_EXAMPLE,
    SCHEDULED,
    DESK_PHONE
  };
}
