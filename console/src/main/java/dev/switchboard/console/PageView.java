package dev.switchboard.console;

import java.util.List;

/**
 * The envelope of every paginated listing.
 *
 * @param next the cursor to pass for the following page, null on the last page
 */
record PageView<T>(List<T> items, String next) {}
