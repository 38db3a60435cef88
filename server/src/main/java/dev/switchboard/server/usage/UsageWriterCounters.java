package dev.switchboard.server.usage;

/**
 * A snapshot of what a {@link BatchingUsageWriter} has done.
 *
 * @param accepted events taken into the queue
 * @param written events committed to the database
 * @param dropped events refused because the queue was full or the writer closed
 * @param failed events lost because their batch could not be written
 * @param batches database transactions committed
 */
public record UsageWriterCounters(
    long accepted, long written, long dropped, long failed, long batches) {}
