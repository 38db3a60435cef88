package dev.switchboard.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Flushes the embedded database's file to the disk. It opens a channel of its own: fsync acts on
 * the file, not on the descriptor, so it flushes what H2 wrote through its own channel.
 */
final class EmbeddedFileSync implements AutoCloseable {
  private final Path file;
  private FileChannel channel;

  EmbeddedFileSync(Path file) {
    this.file = file;
  }

  /** Waits until everything written to the file so far is on the disk. */
  synchronized void force() {
    try {
      if (channel == null) {
        channel = FileChannel.open(file, StandardOpenOption.READ);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot flush " + file + " to disk", e);
    }
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Closing a read-only channel loses nothing.
      }
      channel = null;
    }
  }
}
