package dev.switchboard.server.ivr;

import dev.switchboard.media.wav.WavReader;
import dev.switchboard.server.services.MediaServices;
import dev.switchboard.server.services.Prompt;
import dev.switchboard.server.services.ServiceAgent;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.store.StoreException;
import dev.switchboard.store.media.IvrMenu;
import dev.switchboard.store.media.IvrMenus;
import dev.switchboard.ua.Call;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auto-attendant: answers calls to a tenant's menu numbers and walks each caller through its
 * menus ({@link IvrSession}).
 */
public final class IvrService implements MediaServices.NumberedService, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IvrService.class);

  /** The greeting of a menu nobody uploaded one for: a second of this tone. */
  public static final double DEFAULT_GREETING_HZ = 520;

  private static final int DEFAULT_GREETING_MILLIS = 1000;

  /** Leaves a message from a call the attendant answered (the voicemail service). */
  @FunctionalInterface
  public interface Voicemail {
    void leaveMessage(Call answered, String domain, String user);
  }

  private final ServiceAgent agent;
  private final IvrMenus menus;
  private final Voicemail voicemail;

  private final Clock clock;

  public IvrService(ServiceAgent agent, IvrMenus menus, Voicemail voicemail, Clock clock) {
    this.agent = agent;
    this.menus = menus;
    this.voicemail = voicemail;
    this.clock = clock;
  }

  /** Now, for menus' business hours. */
  Instant now() {
    return clock.instant();
  }

  @Override
  public boolean serves(String domain, String number) {
    return menus.exists(domain, number);
  }

  @Override
  public void take(ServerTransaction tx, String domain, String number) {
    agent.take(
        tx,
        () -> menu(domain, number),
        404,
        (call, menu) -> new IvrSession(this, agent, call, domain).answer(menu));
  }

  /** The menu, or empty (logged) when it is gone or cannot be read. */
  Optional<IvrMenu> menu(String domain, String number) {
    try {
      return menus.menu(domain, number);
    } catch (StoreException | java.io.UncheckedIOException | NumberFormatException e) {
      log.warn("menu {} of {} cannot be read", number, domain, e);
      return Optional.empty();
    }
  }

  /** The menu's greeting as 8 kHz audio: the uploaded one, else the default tone. */
  short[] greeting(String domain, IvrMenu menu) {
    Optional<Path> file = menus.greeting(domain, menu.number());
    if (file.isPresent()) {
      try {
        return WavReader.read(file.get()).narrowband();
      } catch (IOException | RuntimeException e) {
        log.warn("greeting of menu {} of {} cannot be read", menu.number(), domain, e);
      }
    }
    return Prompt.tone(DEFAULT_GREETING_HZ, DEFAULT_GREETING_MILLIS);
  }

  Voicemail voicemail() {
    return voicemail;
  }

  @Override
  public void close() {
    agent.close();
  }
}
