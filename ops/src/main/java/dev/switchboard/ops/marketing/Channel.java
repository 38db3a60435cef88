package dev.switchboard.ops.marketing;

import java.util.List;

/**
 * A source of leads.
 *
 * @param utmAliases utm_source values that mean this channel on the trial form
 * @param builtin one of the seed's channels (cannot be removed)
 */
public record Channel(
    String code, String name, ChannelKind kind, List<String> utmAliases, boolean builtin) {}
