package dev.switchboard.server.location;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One copy of each User-Agent text the registered phones send: a tenant's phones are a handful of
 * models, so a million bindings would otherwise hold a million copies of a few dozen strings.
 */
final class UserAgentNames {
  // Past this many distinct names (a spoofer varying its agent) new ones are kept as they come.
  private static final int MAX = 10_000;
  private static final ConcurrentHashMap<String, String> NAMES = new ConcurrentHashMap<>();

  private UserAgentNames() {}

  static String canonical(String name) {
    if (name == null) {
      return null;
    }
    String known = NAMES.get(name);
    if (known != null) {
      return known;
    }
    if (NAMES.size() >= MAX) {
      return name;
    }
    String had = NAMES.putIfAbsent(name, name);
    return had != null ? had : name;
  }
}
