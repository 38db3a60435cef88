package dev.switchboard.sip.auth;

import java.util.Optional;

/**
 * Finds the stored HA1 values of a user in a realm; the store layer implements it. The username
 * comes straight from the request (up to 1024 characters, any printable text): treat it as
 * untrusted, and answer unknown users about as fast as known ones.
 */
@FunctionalInterface
public interface CredentialLookup {
  /** The user's HA1 values, or empty when there is no such user in that realm. */
  Optional<Ha1Pair> find(String username, String realm);
}
