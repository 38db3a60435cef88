package dev.switchboard.store.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.store.InvalidValueException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Menus and rooms as files: what is saved is read back, and bad names never reach the disk. */
class IvrMenusTest {
  @TempDir Path dir;

  @Test
  void aMenuComesBackAsSavedWithItsHoursAndGreeting() {
    IvrMenus menus = new IvrMenus(dir);
    IvrMenu m =
        new IvrMenu(
            "800",
            "Front desk",
            4,
            1,
            Map.of('2', new IvrDestination.Dial("2000"), '0', new IvrDestination.DialByExtension()),
            new IvrDestination.Voicemail("1001"),
            BusinessHours.parse("Asia/Shanghai", "MON,TUE,WED,THU,FRI", "09:00", "18:00"),
            new IvrDestination.Menu("801"));
    menus.save("A.test", m);
    assertThat(menus.menu("a.test", "800")).contains(m);
    assertThat(menus.exists("a.test", "800")).isTrue();
    assertThat(menus.exists("a.test", "../800")).isFalse();
    assertThat(menus.menus("a.test")).containsExactly(m);
    menus.saveGreeting("a.test", "800", new ByteArrayInputStream(new byte[] {1, 2, 3}));
    assertThat(menus.greeting("a.test", "800")).isPresent();
    assertThat(menus.delete("a.test", "800")).isTrue();
    assertThat(menus.greeting("a.test", "800")).isEmpty();
    assertThat(menus.delete("a.test", "800")).isFalse();
  }

  @Test
  void badNamesAndDestinationsAreRefused() {
    IvrMenus menus = new IvrMenus(dir);
    assertThatThrownBy(() -> menus.menu("../etc", "800")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> menus.menu("a.test", "8/0")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> IvrDestination.parse("keys.1", "dial:../x"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> IvrDestination.parse("keys.1", "transfer:1001"))
        .hasMessageContaining("unknown destination");
    assertThat(IvrDestination.parse("f", "dial:2000").text()).isEqualTo("dial:2000");
    assertThat(IvrDestination.parse("f", "extension"))
        .isEqualTo(new IvrDestination.DialByExtension());
  }

  @Test
  void businessHoursAreReadInTheirOwnZone() {
    BusinessHours h = BusinessHours.parse("Asia/Shanghai", "MON,TUE,WED,THU,FRI", "09:00", "18:00");
    // Monday 2026-12-07 01:30 UTC is 09:30 in Shanghai: open; 10:30 UTC is 18:30 there: closed.
    assertThat(h.isOpen(Instant.parse("2026-12-07T01:30:00Z"))).isTrue();
    assertThat(h.isOpen(Instant.parse("2026-12-07T10:30:00Z"))).isFalse();
    // Sunday 2026-12-06 02:00 UTC is Sunday 10:00 in Shanghai: closed.
    assertThat(h.isOpen(Instant.parse("2026-12-06T02:00:00Z"))).isFalse();
    assertThatThrownBy(() -> BusinessHours.parse("UTC", "MON", "18:00", "09:00"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> BusinessHours.parse("UTC", "Funday", "09:00", "18:00"))
        .hasMessageContaining("not a day");
  }

  @Test
  void aRoomKeepsOnlyAHashOfItsPin() throws Exception {
    ConferenceRooms rooms = new ConferenceRooms(dir);
    ConferenceRoom r = rooms.save("a.test", "900", "Board", "2468");
    assertThat(ConferenceRooms.opens(r, "2468")).isTrue();
    assertThat(ConferenceRooms.opens(r, "2469")).isFalse();
    assertThat(Files.readString(dir.resolve("a.test/900.properties"))).doesNotContain("2468");
    ConferenceRoom read = rooms.room("a.test", "900").orElseThrow();
    assertThat(ConferenceRooms.opens(read, "2468")).isTrue();
    assertThatThrownBy(() -> rooms.save("a.test", "901", null, "12")).hasMessageContaining("PIN");
    assertThat(ConferenceRooms.opens(rooms.save("a.test", "902", null, null), "")).isTrue();
  }

  @Test
  void aChangeKeepsThePinsItDoesNotNameAndRefusesAModeratorPinLikeAKeptPin() {
    ConferenceRooms rooms = new ConferenceRooms(dir);
    rooms.save("a.test", "900", "Board", "2468", "9753", true);
    ConferenceRoom renamed =
        rooms
            .change("a.test", "900", "Board B", new PinEdit.Keep(), new PinEdit.Keep(), null)
            .orElseThrow();
    assertThat(renamed.name()).isEqualTo("Board B");
    assertThat(renamed.waitForModerator()).isTrue();
    assertThat(ConferenceRooms.opens(renamed, "2468")).isTrue();
    assertThat(ConferenceRooms.moderates(renamed, "9753")).isTrue();
    assertThatThrownBy(
            () ->
                rooms.change(
                    "a.test", "900", null, new PinEdit.Set("9753"), new PinEdit.Keep(), null))
        .hasMessageContaining("must differ");
    assertThatThrownBy(
            () ->
                rooms.change("a.test", "900", null, new PinEdit.Keep(), new PinEdit.Remove(), null))
        .hasMessageContaining("moderatorPin");
    ConferenceRoom open =
        rooms
            .change("a.test", "900", null, new PinEdit.Remove(), new PinEdit.Remove(), false)
            .orElseThrow();
    assertThat(open.hasPin()).isFalse();
    assertThat(rooms.room("a.test", "900").orElseThrow().hasModeratorPin()).isFalse();
    assertThat(rooms.change("a.test", "999", null, new PinEdit.Keep(), new PinEdit.Keep(), null))
        .isEmpty();
  }

  @Test
  void greetingBytesCountOnlyThatTenantsGreetings() {
    IvrMenus menus = new IvrMenus(dir);
    assertThat(menus.greetingBytes("g.test")).isZero();
    menus.save("g.test", new IvrMenu("800", "Main", 5, 1, Map.of(), null));
    menus.save("h.test", new IvrMenu("800", "Main", 5, 1, Map.of(), null));
    menus.saveGreeting("g.test", "800", new java.io.ByteArrayInputStream(new byte[1000]));
    menus.saveGreeting("h.test", "800", new java.io.ByteArrayInputStream(new byte[7]));
    assertThat(menus.greetingBytes("g.test")).isEqualTo(1000);
  }

  @Test
  void aHolidayInTheMenusZoneClosesItAllDayAndIsKept(@TempDir Path dir) {
    BusinessHours h =
        BusinessHours.parse("Asia/Shanghai", "MON,TUE,WED,THU,FRI", "09:00", "18:00", "2026-12-25");
    // Friday 25 December 2026, 10:00 in Shanghai is 02:00 UTC: a holiday there.
    assertThat(h.isOpen(Instant.parse("2026-12-25T02:00:00Z"))).isFalse();
    assertThat(h.isOpen(Instant.parse("2026-12-24T02:00:00Z"))).isTrue();
    // 25 December 09:30 UTC is 17:30 in Shanghai: within the hours, but the holiday closes it.
    assertThat(h.isOpen(Instant.parse("2026-12-25T09:30:00Z"))).isFalse();
    assertThat(h.isOpen(Instant.parse("2026-12-24T09:30:00Z"))).isTrue();
    assertThat(h.isOpen(Instant.parse("2026-12-28T02:00:00Z"))).isTrue();
    IvrMenus menus = new IvrMenus(dir);
    menus.save(
        "i.test", new IvrMenu("850", "Xmas", 5, 1, Map.of(), null, h, new IvrDestination.Hangup()));
    assertThat(menus.menu("i.test", "850").orElseThrow().hours().holidays())
        .containsExactly(java.time.LocalDate.parse("2026-12-25"));
    assertThatThrownBy(() -> BusinessHours.parse("UTC", "MON", "09:00", "17:00", "25.12.2026"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("YYYY-MM-DD");
  }
}
