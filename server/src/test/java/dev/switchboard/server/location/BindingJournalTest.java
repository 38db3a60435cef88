package dev.switchboard.server.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's file handling: torn writes, damage, snapshots, the directory lock. */
class BindingJournalTest {
  static final Instant NOW = LocationServiceTest.NOW;

  @TempDir Path dir;

  private BindingJournal open(long compactBytes) {
    BindingJournal j = BindingJournal.open(dir, true, compactBytes);
    j.loadUnexpired(NOW);
    return j;
  }

  private static AorSnapshot one(int i) {
    Binding b = LocationServiceTest.binding("sip:" + i + "@a.test", "h" + i, NOW.plusSeconds(3600));
    return new AorSnapshot(b.aor(), List.of(b));
  }

  private List<Binding> reload() {
    try (BindingJournal j = BindingJournal.open(dir, true, 1L << 30)) {
      return j.loadUnexpired(NOW);
    }
  }

  private Path onlySegment() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".log")).findFirst().get();
    }
  }

  @Test
  void aWriteCutShortByACrashIsDroppedAndTheJournalGoesOn() throws Exception {
    try (BindingJournal j = open(1L << 30)) {
      j.write(List.of(one(1)));
      j.write(List.of(one(2), one(3)));
    }
    Path segment = onlySegment();
    long whole = Files.size(segment);
    // A crash in the middle of the next append: its header promises more than arrived.
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.APPEND)) {
      ch.write(ByteBuffer.allocate(12).putInt(500).putInt(42).putInt(7).flip());
    }
    assertThat(reload()).extracting(Binding::aor).hasSize(3);
    assertThat(Files.size(segment)).isEqualTo(whole);
    try (BindingJournal j = open(1L << 30)) {
      j.write(List.of(one(4)));
    }
    assertThat(reload()).hasSize(4);
  }

  @Test
  void aFrameFailingItsChecksumEndsTheReplay() throws Exception {
    try (BindingJournal j = open(1L << 30)) {
      j.write(List.of(one(1)));
      j.write(List.of(one(2)));
    }
    Path segment = onlySegment();
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length - 3] ^= 0x55; // damage the second frame's payload
    Files.write(segment, bytes);
    assertThat(reload()).extracting(Binding::aor).containsExactly("sip:1@a.test");
  }

  @Test
  void anEmptyBindingSetRemovesTheAor() {
    try (BindingJournal j = open(1L << 30)) {
      j.write(List.of(one(1), one(2)));
      j.write(List.of(new AorSnapshot("sip:1@a.test", List.of())));
    }
    assertThat(reload()).extracting(Binding::aor).containsExactly("sip:2@a.test");
  }

  @Test
  void aSnapshotReplacesOldSegmentsAndKeepsTheState() throws Exception {
    List<AorSnapshot> state = new ArrayList<>();
    try (BindingJournal j = open(4_096)) {
      for (int i = 0; i < 200; i++) {
        AorSnapshot s = one(i);
        j.write(List.of(s));
        state.add(s);
      }
      assertThat(j.compactionDue()).isTrue();
      j.maintain(state, NOW);
      j.awaitCompaction(10_000);
      // Written after the snapshot's boundary: must come from the new segment.
      j.write(List.of(new AorSnapshot("sip:0@a.test", List.of()), one(500)));
    }
    List<String> names;
    try (Stream<Path> files = Files.list(dir)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(names).containsExactly("journal-1.log", "lock", "snapshot-1.bin");
    List<Binding> back = reload();
    assertThat(back).hasSize(200);
    assertThat(back)
        .extracting(Binding::aor)
        .contains("sip:500@a.test", "sip:199@a.test")
        .doesNotContain("sip:0@a.test");
  }

  @Test
  void expiredBindingsAreNotLoadedNorCarriedIntoSnapshots() throws Exception {
    Binding gone = LocationServiceTest.binding("sip:9@a.test", "h9", NOW.minusSeconds(1));
    try (BindingJournal j = open(1)) {
      j.write(List.of(new AorSnapshot(gone.aor(), List.of(gone)), one(1)));
      j.maintain(List.of(new AorSnapshot(gone.aor(), List.of(gone)), one(1)), NOW);
      j.awaitCompaction(10_000);
    }
    assertThat(reload()).extracting(Binding::aor).containsExactly("sip:1@a.test");
  }

  @Test
  void bindingsReadBackEqualToWhatWasWritten() {
    AorSnapshot s = one(7);
    try (BindingJournal j = open(1L << 30)) {
      j.write(List.of(s));
    }
    assertThat(reload()).containsExactlyElementsOf(s.bindings());
  }

  @Test
  void twoProcessesCannotShareTheDirectory() {
    try (BindingJournal j = open(1L << 30)) {
      assertThatThrownBy(() -> BindingJournal.open(dir, true, 1L << 30))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use by another process");
    }
  }

  @Test
  void filesAreReadableByTheServiceOnly() throws Exception {
    try (BindingJournal j = open(1L << 30)) {
      j.write(List.of(one(1)));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(onlySegment())))
        .isEqualTo("rw-------");
  }
}
