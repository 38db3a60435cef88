package dev.switchboard.store;

/** A value that breaks a rule of the domain (bad host name, bad user part, unknown time zone…). */
public final class InvalidValueException extends StoreException {
  public InvalidValueException(String field, String message) {
    super(message, field);
  }
}
