package dev.switchboard.sip.message;

/**
 * Bounds on what one message may make the parser allocate: total size, header lines, one line's
 * length and the body.
 */
public record ParseLimits(int maxMessageBytes, int maxHeaders, int maxLineBytes, int maxBodyBytes) {

  /** 64 KiB messages, 128 headers, 8 KiB lines: generous for SIP, tight for an attacker. */
  public static final ParseLimits DEFAULT = new ParseLimits(65_536, 128, 8_192, 60_000);
}
