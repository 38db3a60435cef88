package dev.switchboard.console;

/**
 * The body of every error response.
 *
 * @param error what went wrong, for people
 * @param field the request field at fault, or null
 */
public record ApiError(String error, String field) {}
