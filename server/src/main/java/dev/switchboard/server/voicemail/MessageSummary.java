package dev.switchboard.server.voicemail;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.voicemail.Mailboxes;
import java.util.function.Function;

/**
 * The RFC 3842 {@code application/simple-message-summary} body of an owner's mailbox, by the
 * owner's address of record ({@code sip:USER@DOMAIN}): whether messages wait, and how many are new
 * and old (saved).
 */
public final class MessageSummary implements Function<String, String> {
  private final Mailboxes mailboxes;

  public MessageSummary(Mailboxes mailboxes) {
    this.mailboxes = mailboxes;
  }

  @Override
  public String apply(String aor) {
    int at = aor.indexOf('@');
    Mailboxes.Summary s;
    if (!aor.startsWith("sip:") || at < 0) {
      s = new Mailboxes.Summary(0, 0);
    } else {
      try {
        s = mailboxes.summary(aor.substring(at + 1), aor.substring(4, at));
      } catch (InvalidValueException noSuchBox) {
        s = new Mailboxes.Summary(0, 0);
      }
    }
    return body(aor, s);
  }

  /** RFC 3842 §5.2: the status line, the account, and the voice-message counts new/old. */
  static String body(String aor, Mailboxes.Summary s) {
    return "Messages-Waiting: "
        + (s.waiting() ? "yes" : "no")
        + "\r\nMessage-Account: "
        + aor
        + "\r\nVoice-Message: "
        + s.newMessages()
        + "/"
        + s.oldMessages()
        + "\r\n";
  }
}
