package dev.switchboard.store.directory;

/** One row of the directory change log: {@code user} is null when the whole tenant changed. */
public record DirectoryChange(long id, String domain, String user) {}
