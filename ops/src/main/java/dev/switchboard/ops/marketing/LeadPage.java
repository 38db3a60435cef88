package dev.switchboard.ops.marketing;

import java.util.List;

/** One page of leads, newest first; {@code nextAfter} is the id to continue from, or null. */
public record LeadPage(List<Lead> items, Long nextAfter, long total) {}
