package dev.switchboard.server.voicemail;

import dev.switchboard.store.voicemail.Mailboxes;
import dev.switchboard.store.voicemail.VoicemailMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-mails each new voicemail message, its WAV attached, to the address its mailbox's owner gave, on
 * a thread of its own; a failed send is logged and counted, and the message stays stored.
 */
public final class MessageMailer implements VoicemailService.NewMessages, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MessageMailer.class);
  private static final int QUEUE = 1_000; // beyond that the SMTP server is down: count, not keep

  private final Mailboxes mailboxes;
  private final SmtpClient smtp;
  private final ThreadPoolExecutor sender;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public MessageMailer(Mailboxes mailboxes, SmtpClient smtp) {
    this.mailboxes = mailboxes;
    this.smtp = smtp;
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            r -> {
              Thread t = new Thread(r, "voicemail-mail");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void kept(String domain, String user, VoicemailMessage message, Path audio) {
    try {
      sender.execute(() -> send(domain, user, message, audio));
    } catch (RejectedExecutionException e) {
      failed.incrementAndGet();
      log.warn("voicemail e-mail for {}@{} not sent: {} waiting already", user, domain, QUEUE);
    }
  }

  private void send(String domain, String user, VoicemailMessage message, Path audio) {
    String to;
    try {
      to = mailboxes.email(domain, user).orElse(null);
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      log.warn("voicemail e-mail for {}@{}: cannot read the address", user, domain, e);
      return;
    }
    if (to == null) {
      return; // the owner asked for no e-mail
    }
    try {
      smtp.send(mail(to, user, domain, message, Files.readAllBytes(audio)));
      sent.incrementAndGet();
      log.info("voicemail {} for {}@{} e-mailed to {}", message.id(), user, domain, to);
    } catch (IOException | RuntimeException e) {
      failed.incrementAndGet();
      log.warn(
          "voicemail {} for {}@{} not e-mailed to {} (the message stays in the mailbox): {}",
          message.id(),
          user,
          domain,
          to,
          e.toString());
    }
  }

  static Mail mail(String to, String user, String domain, VoicemailMessage message, byte[] wav) {
    String seconds = String.format(Locale.ROOT, "%.1f", message.durationMillis() / 1000.0);
    String when =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(message.receivedAt().atZone(ZoneOffset.UTC));
    return new Mail(
        to,
        "Voicemail for " + user + " from " + message.caller() + " (" + seconds + " s)",
        "A new voicemail message for "
            + user
            + "@"
            + domain
            + ".\r\n\r\nFrom: "
            + message.caller()
            + "\r\nReceived: "
            + when
            + "\r\nLength: "
            + seconds
            + " s\r\n\r\nThe recording is attached (WAV). It stays in the mailbox until deleted.\r\n",
        message.id() + ".wav",
        "audio/wav",
        wav);
  }

  /** Messages e-mailed. */
  public long sent() {
    return sent.get();
  }

  /** Messages whose e-mail could not be sent (the messages themselves are kept). */
  public long failed() {
    return failed.get();
  }

  /** Sends what is queued (for a few seconds at most), then stops. */
  @Override
  public void close() {
    sender.shutdown();
    try {
      sender.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
