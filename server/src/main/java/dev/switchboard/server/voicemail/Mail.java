package dev.switchboard.server.voicemail;

/**
 * One e-mail to send: a plain-text body and one attachment.
 *
 * @param attachmentName the file name the recipient sees
 */
public record Mail(
    String to,
    String subject,
    String text,
    String attachmentName,
    String attachmentType,
    byte[] attachment) {}
