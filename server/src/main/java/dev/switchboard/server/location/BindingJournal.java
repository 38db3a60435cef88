package dev.switchboard.server.location;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The location service's own write-ahead log: each group of binding changes is appended as one
 * checksummed frame and flushed to disk before any of them is acknowledged, and a snapshot of the
 * whole location service now and then lets old segments go. A restart reads the newest snapshot and
 * replays the segments after it; a frame torn by a crash is cut off.
 *
 * <p>On disk, in its own directory: {@code snapshot-G.bin} is the state as of the start of segment
 * {@code journal-G.log}; segments are numbered upward. Only one process may own the directory at a
 * time ({@code lock}).
 */
public final class BindingJournal implements BindingPersistence, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BindingJournal.class);
  private static final Pattern SEGMENT = Pattern.compile("journal-(\\d+)\\.log");
  private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d+)\\.bin");
  private static final int FRAME_HEADER = 8;
  private static final int DECODE_CHUNK = 64;
  private static final int MAX_FRAME = 64 << 20;
  private static final int SNAPSHOT_FRAME_AORS = 1_000;

  private final Path dir;
  private final boolean sync;
  private final long minCompactBytes;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final CRC32C crc = new CRC32C();
  private FileChannel segment;
  private long generation;
  private long bytesSinceSnapshot;
  private long lastSnapshotBytes;
  private volatile Thread compaction;

  private BindingJournal(
      Path dir, boolean sync, long minCompactBytes, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.sync = sync;
    this.minCompactBytes = minCompactBytes;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (creating) the journal in {@code dir} and takes its lock.
   *
   * @param sync whether each frame is flushed to the disk (fsync) before it counts as written;
   *     without it a write survives the process being killed but not the machine losing power
   * @param minCompactBytes journal bytes after which a snapshot is taken (at least twice the last
   *     snapshot's size)
   * @throws IllegalStateException when another process holds the directory
   */
  public static BindingJournal open(Path dir, boolean sync, long minCompactBytes) {
    try {
      Files.createDirectories(dir);
      restrictDirectory(dir);
      FileChannel lockChannel =
          FileChannel.open(
              dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null; // held by this very process
      }
      if (lock == null) {
        lockChannel.close();
        throw new IllegalStateException(
            "the location journal in " + dir + " is in use by another process");
      }
      restrict(dir.resolve("lock"));
      return new BindingJournal(dir, sync, minCompactBytes, lockChannel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the location journal in " + dir, e);
    }
  }

  /** Whether the directory holds no journal yet (a first start, or one before the journal). */
  public static boolean isNew(Path dir) {
    try (var files = Files.list(dir)) {
      return files.noneMatch(
          p -> {
            String name = p.getFileName().toString();
            return SEGMENT.matcher(name).matches() || SNAPSHOT.matcher(name).matches();
          });
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public synchronized List<Binding> loadUnexpired(Instant now) {
    List<Binding> out = new ArrayList<>();
    loadUnexpiredByAor(now).values().forEach(out::addAll);
    return out;
  }

  /**
   * Every AOR's last written binding set, expired bindings left out; lists as they were written.
   */
  @Override
  public synchronized Map<String, List<Binding>> loadUnexpiredByAor(Instant now) {
    try {
      TreeMap<Long, Path> segments = numbered(SEGMENT);
      TreeMap<Long, Path> snapshots = numbered(SNAPSHOT);
      Map<String, List<Binding>> state = new HashMap<>();
      long base = 0;
      if (!snapshots.isEmpty()) {
        base = snapshots.lastKey();
        Path snap = snapshots.lastEntry().getValue();
        lastSnapshotBytes = Files.size(snap);
        replay(snap, state, false);
      }
      long last = base;
      for (Map.Entry<Long, Path> e : segments.tailMap(base, true).entrySet()) {
        boolean isLast = e.getKey().equals(segments.lastKey());
        bytesSinceSnapshot += replay(e.getValue(), state, isLast);
        last = e.getKey();
      }
      deleteBefore(base);
      generation = last;
      segment = openSegment(generation);
      // Written sorted (IndexedLocationService.ORDER); filtering keeps the order.
      state
          .entrySet()
          .removeIf(
              e -> {
                List<Binding> bindings = e.getValue();
                for (Binding b : bindings) {
                  if (b.expired(now)) {
                    List<Binding> live = bindings.stream().filter(x -> !x.expired(now)).toList();
                    e.setValue(live);
                    return live.isEmpty();
                  }
                }
                return false;
              });
      return state;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the location journal in " + dir, e);
    }
  }

  /**
   * Applies every intact frame of {@code file} to {@code state}; returns the bytes read. A frame
   * cut short or failing its checksum ends the file: in the newest segment it is a write a crash
   * interrupted (never acknowledged), and the file is cut back to the last whole frame.
   */
  private long replay(Path file, Map<String, List<Binding>> state, boolean truncateTail)
      throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long pos = 0;
      ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER);
      CRC32C check = new CRC32C();
      // Frames are decoded a chunk at a time on every core, then applied in file order.
      List<byte[]> chunk = new ArrayList<>(DECODE_CHUNK);
      List<Long> starts = new ArrayList<>(DECODE_CHUNK);
      boolean intact = true;
      while (intact && pos + FRAME_HEADER <= size) {
        header.clear();
        readFully(ch, header, pos);
        header.flip();
        int length = header.getInt();
        int sum = header.getInt();
        if (length <= 0 || length > MAX_FRAME || pos + FRAME_HEADER + length > size) {
          break;
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(ch, payload, pos + FRAME_HEADER);
        check.reset();
        check.update(payload.array(), 0, length);
        if ((int) check.getValue() != sum) {
          break;
        }
        chunk.add(payload.array());
        starts.add(pos);
        pos += FRAME_HEADER + length;
        if (chunk.size() == DECODE_CHUNK) {
          long stop = apply(chunk, starts, state, file);
          intact = stop < 0;
          pos = intact ? pos : stop;
          chunk.clear();
          starts.clear();
        }
      }
      if (intact && !chunk.isEmpty()) {
        long stop = apply(chunk, starts, state, file);
        pos = stop < 0 ? pos : stop;
      }
      if (pos < size) {
        if (truncateTail) {
          LOG.info(
              "cutting an unfinished write of {} bytes off {}", size - pos, file.getFileName());
          try (FileChannel w = FileChannel.open(file, StandardOpenOption.WRITE)) {
            w.truncate(pos);
            w.force(true);
          }
        } else {
          LOG.error("{} is damaged after byte {}: the rest of it is ignored", file, pos);
        }
      }
      return pos;
    }
  }

  /**
   * Decodes {@code frames} in parallel and applies them in order; returns -1, or the start of the
   * first frame that cannot be decoded (the file is read as ending there).
   */
  private static long apply(
      List<byte[]> frames, List<Long> starts, Map<String, List<Binding>> state, Path file) {
    List<Object> decoded =
        frames.parallelStream()
            .map(
                f -> {
                  try {
                    return (Object) BindingCodec.decode(f);
                  } catch (IOException | RuntimeException e) {
                    return e;
                  }
                })
            .toList();
    for (int i = 0; i < decoded.size(); i++) {
      if (decoded.get(i) instanceof Exception e) {
        LOG.warn(
            "unreadable frame at {} of {}: {}", starts.get(i), file.getFileName(), e.toString());
        return starts.get(i);
      }
      @SuppressWarnings("unchecked")
      List<AorSnapshot> batch = (List<AorSnapshot>) decoded.get(i);
      for (AorSnapshot snap : batch) {
        if (snap.bindings().isEmpty()) {
          state.remove(snap.aor());
        } else {
          state.put(snap.aor(), snap.bindings());
        }
      }
    }
    return -1;
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos + buf.position());
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }

  @Override
  public synchronized void write(List<AorSnapshot> snapshots) {
    if (segment == null) {
      throw new IllegalStateException("load the journal before writing");
    }
    byte[] payload = BindingCodec.encode(snapshots);
    try {
      writeFrame(segment, payload, crc);
      if (sync) {
        segment.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the location journal", e);
    }
    bytesSinceSnapshot += FRAME_HEADER + payload.length;
  }

  /** Expiry is written as ordinary changes (the sweeper's), so there is nothing to delete. */
  @Override
  public int deleteExpired(Instant now) {
    return 0;
  }

  /** Takes a snapshot when enough was appended since the last one (see {@link #compact}). */
  @Override
  public void maintain(Iterable<AorSnapshot> durable, Instant now) {
    if (compactionDue()) {
      compact(durable, now);
    }
  }

  /** Whether enough was appended since the last snapshot to take a new one. */
  public synchronized boolean compactionDue() {
    return compaction == null
        && bytesSinceSnapshot > Math.max(minCompactBytes, 2 * lastSnapshotBytes);
  }

  /**
   * Starts a new segment and writes, on a thread of its own, a snapshot of {@code durable}: the
   * AORs' binding sets as acknowledged up to now (a set that changes meanwhile may be taken newer,
   * which the new segment repeats anyway). Call it from the writer thread between batches.
   */
  public synchronized void compact(Iterable<AorSnapshot> durable, Instant now) {
    if (compaction != null) {
      return;
    }
    long next = generation + 1;
    try {
      FileChannel fresh = openSegment(next);
      segment.force(true);
      segment.close();
      segment = fresh;
      generation = next;
      bytesSinceSnapshot = 0;
    } catch (IOException e) {
      LOG.warn("cannot start a new journal segment: {}", e.toString());
      return;
    }
    Thread t = new Thread(() -> writeSnapshot(next, durable, now), "binding-snapshot");
    t.setDaemon(true);
    compaction = t;
    t.start();
  }

  private void writeSnapshot(long gen, Iterable<AorSnapshot> durable, Instant now) {
    Path tmp = dir.resolve("snapshot-" + gen + ".tmp");
    Path done = dir.resolve("snapshot-" + gen + ".bin");
    try {
      long written;
      try (FileChannel ch = create(tmp)) {
        List<AorSnapshot> chunk = new ArrayList<>(SNAPSHOT_FRAME_AORS);
        CRC32C sum = new CRC32C();
        for (AorSnapshot s : durable) {
          List<Binding> live = s.bindings().stream().filter(b -> !b.expired(now)).toList();
          if (!live.isEmpty()) {
            chunk.add(new AorSnapshot(s.aor(), live));
          }
          if (chunk.size() == SNAPSHOT_FRAME_AORS) {
            writeSnapshotFrame(ch, chunk, sum);
            chunk.clear();
          }
        }
        if (!chunk.isEmpty()) {
          writeSnapshotFrame(ch, chunk, sum);
        }
        ch.force(true);
        written = ch.size();
      }
      move(tmp, done);
      syncDirectory();
      synchronized (this) {
        lastSnapshotBytes = written;
      }
      deleteBefore(gen);
      LOG.info("location snapshot {} written ({} bytes)", gen, written);
    } catch (IOException | RuntimeException e) {
      LOG.warn("location snapshot {} failed, the journal keeps everything: {}", gen, e.toString());
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // A stray temporary file is ignored at the next start.
      }
    } finally {
      synchronized (this) {
        compaction = null;
      }
    }
  }

  private static void writeSnapshotFrame(FileChannel ch, List<AorSnapshot> chunk, CRC32C sum)
      throws IOException {
    writeFrame(ch, BindingCodec.encode(chunk), sum);
  }

  /** Appends [length][CRC-32C][payload]. */
  private static void writeFrame(FileChannel ch, byte[] payload, CRC32C sum) throws IOException {
    sum.reset();
    sum.update(payload, 0, payload.length);
    ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER + payload.length);
    frame.putInt(payload.length).putInt((int) sum.getValue()).put(payload).flip();
    while (frame.hasRemaining()) {
      ch.write(frame);
    }
  }

  /** Waits (bounded) for a snapshot being written; for tests and an orderly close. */
  public void awaitCompaction(long millis) throws InterruptedException {
    Thread t = compaction;
    if (t != null) {
      t.join(millis);
    }
  }

  private void deleteBefore(long gen) throws IOException {
    for (Map.Entry<Long, Path> e : numbered(SEGMENT).headMap(gen, false).entrySet()) {
      Files.deleteIfExists(e.getValue());
    }
    for (Map.Entry<Long, Path> e : numbered(SNAPSHOT).headMap(gen, false).entrySet()) {
      Files.deleteIfExists(e.getValue());
    }
  }

  private TreeMap<Long, Path> numbered(Pattern pattern) throws IOException {
    TreeMap<Long, Path> out = new TreeMap<>();
    try (var files = Files.list(dir)) {
      files.forEach(
          p -> {
            Matcher m = pattern.matcher(p.getFileName().toString());
            if (m.matches()) {
              out.put(Long.parseLong(m.group(1)), p);
            }
          });
    }
    return out;
  }

  private FileChannel openSegment(long gen) throws IOException {
    Path file = dir.resolve("journal-" + gen + ".log");
    boolean created = !Files.exists(file);
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    if (created) {
      restrict(file);
      syncDirectory();
    }
    return ch;
  }

  private static FileChannel create(Path file) throws IOException {
    Files.deleteIfExists(file);
    FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    restrict(file);
    return ch;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A new or renamed file's name is durable only once its directory is flushed. */
  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a directory; the data itself was flushed.
      LOG.debug("cannot flush directory {}: {}", dir, e.toString());
    }
  }

  /** Bindings say where every phone is: the directory is the owner's alone, like the data one. */
  private static void restrictDirectory(Path dir) {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: its own defaults apply.
    }
  }

  /** Bindings name where phones are: readable by the service's user only. */
  private static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: left to its own permissions.
    }
  }

  @Override
  public void close() {
    // A snapshot still being written would go on using the directory (and deleting segments)
    // after the lock is released, and keep the closed service's bindings reachable: let it end.
    try {
      awaitCompaction(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      closeSegmentAndLock();
    }
  }

  private void closeSegmentAndLock() {
    try {
      if (segment != null) {
        segment.force(true);
        segment.close();
        segment = null;
      }
    } catch (IOException e) {
      LOG.warn("closing the location journal: {}", e.toString());
    }
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      LOG.debug("releasing the journal lock: {}", e.toString());
    }
  }
}
