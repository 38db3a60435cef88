package dev.switchboard.store.voicemail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mailboxes on a real directory: saving, deleting, the new/old counts and the PIN. */
class MailboxesTest {
  @TempDir Path root;

  private VoicemailMessage leave(Mailboxes boxes, long at) throws Exception {
    Mailboxes.Deposit d = boxes.open("m.test", "1002", "sip:1001@m.test", Instant.ofEpochMilli(at));
    Files.write(d.file(), new byte[] {1, 2, 3});
    return boxes.keep(d, 1000);
  }

  @Test
  void savedMessagesAreOldAndDeletedOnesAreGone() throws Exception {
    Mailboxes boxes = new Mailboxes(root);
    VoicemailMessage first = leave(boxes, 1_000);
    VoicemailMessage second = leave(boxes, 2_000);
    assertThat(boxes.summary("m.test", "1002")).isEqualTo(new Mailboxes.Summary(2, 0));

    boxes.save("m.test", "1002", first.id());
    assertThat(boxes.messages("m.test", "1002"))
        .extracting(VoicemailMessage::saved)
        .containsExactly(true, false);
    assertThat(boxes.summary("m.test", "1002")).isEqualTo(new Mailboxes.Summary(1, 1));

    boxes.delete("m.test", "1002", second.id());
    assertThat(boxes.messages("m.test", "1002"))
        .extracting(VoicemailMessage::id)
        .containsExactly(first.id());
    assertThat(boxes.summary("m.test", "1002").waiting()).isFalse();
    assertThatThrownBy(() -> boxes.delete("m.test", "1002", second.id()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void theFootprintCountsRecordingsAndGreetingsOfOneTenant() throws Exception {
    Mailboxes boxes = new Mailboxes(root);
    assertThat(boxes.footprint("m.test")).isEqualTo(new Mailboxes.Footprint(0, 0));
    leave(boxes, 1_000);
    long metadata =
        Files.size(
            root.resolve("m.test/1002")
                .toFile()
                .listFiles(f -> f.getName().endsWith(".properties"))[0]
                .toPath());
    Files.write(root.resolve("m.test/1002/greeting.wav"), new byte[100]);
    boxes.setPin("m.test", "1002", "4711");
    Mailboxes.Deposit other = boxes.open("n.test", "1002", "sip:x@n.test", Instant.EPOCH);
    Files.write(other.file(), new byte[50]);
    assertThat(boxes.footprint("m.test")).isEqualTo(new Mailboxes.Footprint(3 + metadata, 100));
    assertThat(boxes.footprint("n.test")).isEqualTo(new Mailboxes.Footprint(50, 0));
  }

  @Test
  void thePinIsKeptAsASlowHashAndChecked() throws Exception {
    Mailboxes boxes = new Mailboxes(root);
    assertThat(boxes.hasPin("m.test", "1002")).isFalse();
    assertThat(boxes.pinMatches("m.test", "1002", "1234")).isFalse();
    boxes.setPin("m.test", "1002", "4711");
    assertThat(boxes.hasPin("m.test", "1002")).isTrue();
    assertThat(boxes.pinMatches("m.test", "1002", "4711")).isTrue();
    assertThat(boxes.pinMatches("m.test", "1002", "4712")).isFalse();
    assertThat(Files.readString(root.resolve("m.test/1002/pin")))
        .startsWith("pbkdf2-sha256$")
        .doesNotContain("4711");
    assertThatThrownBy(() -> boxes.setPin("m.test", "1002", "12a4"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("4 to 12 digits");
  }

  @Test
  void theEmailAddressIsKeptClearedAndCheckedForInjection() throws Exception {
    Mailboxes boxes = new Mailboxes(root);
    assertThat(boxes.email("m.test", "1002")).isEmpty();
    boxes.setEmail("m.test", "1002", " owner@example.com ");
    assertThat(boxes.email("m.test", "1002")).contains("owner@example.com");
    assertThatThrownBy(() -> boxes.setEmail("m.test", "1002", "a@b.c\r\nRCPT TO:<x@y>"))
        .isInstanceOf(InvalidValueException.class);
    assertThat(boxes.email("m.test", "1002")).contains("owner@example.com");
    boxes.setEmail("m.test", "1002", null);
    assertThat(boxes.email("m.test", "1002")).isEmpty();
  }

  @Test
  void aFullMailboxIsFullAndTheSweepRemovesOnlyOldMessagesBoundedPerRun() throws Exception {
    Mailboxes boxes = new Mailboxes(root);
    assertThat(boxes.retention("m.test")).isEqualTo(Retention.NONE);
    long day = 86_400_000L;
    leave(boxes, 1 * day);
    leave(boxes, 2 * day);
    VoicemailMessage recent = leave(boxes, 40 * day);
    assertThat(boxes.full("m.test", "1002")).isFalse();
    boxes.setRetention("m.test", new Retention(3, 30));
    assertThat(boxes.retention("m.test")).isEqualTo(new Retention(3, 30));
    assertThat(boxes.full("m.test", "1002")).isTrue();

    Instant now = Instant.ofEpochMilli(45 * day);
    assertThat(boxes.sweep(now, 1)).isEqualTo(1);
    assertThat(boxes.messages("m.test", "1002")).hasSize(2);
    assertThat(boxes.full("m.test", "1002")).isFalse();
    assertThat(boxes.sweep(now, 10)).isEqualTo(1);
    assertThat(boxes.messages("m.test", "1002"))
        .extracting(VoicemailMessage::id)
        .containsExactly(recent.id());
    assertThat(boxes.summary("m.test", "1002")).isEqualTo(new Mailboxes.Summary(1, 0));
    assertThatThrownBy(() -> new Retention(0, null)).isInstanceOf(InvalidValueException.class);
  }
}
