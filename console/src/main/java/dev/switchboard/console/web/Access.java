package dev.switchboard.console.web;

/** The outcome of a {@link RoleRule}: let through, refuse (403), or pretend it is absent (404). */
public enum Access {
  ALLOW,
  FORBIDDEN,
  HIDDEN
}
