package dev.switchboard.media.clock;

/** Work the media clock runs once every 20 ms (a stream's packet, a room's mix, a prompt frame). */
@FunctionalInterface
public interface ClockTask {

  /**
   * Does this tick's work. Must not block: it runs on a thread shared with many other tasks.
   *
   * @param tickNanos the tick's scheduled time on the {@link System#nanoTime()} scale
   */
  void tick(long tickNanos);
}
