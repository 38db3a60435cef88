/**
 * Session descriptions (SDP, RFC 8866) and the offer/answer model (RFC 3264).
 *
 * <p>{@link dev.switchboard.sip.sdp.SdpParser} turns untrusted text into an immutable {@link
 * dev.switchboard.sip.sdp.SessionDescription}, failing only with {@link
 * dev.switchboard.sip.sdp.SdpParseException}; {@link dev.switchboard.sip.sdp.SdpWriter} writes it
 * back with CRLF line ends; {@link dev.switchboard.sip.sdp.OfferAnswer} builds offers and answers
 * and reports what a completed exchange agreed.
 */
package dev.switchboard.sip.sdp;
