package dev.switchboard.sip.message;

/** One header line: its name (canonical for known headers) and its unfolded value. */
public record HeaderField(String name, String value) {}
