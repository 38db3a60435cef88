package dev.switchboard.store;

/** Something with the same unique key already exists. */
public final class DuplicateException extends StoreException {
  public DuplicateException(String field, String message) {
    super(message, field);
  }
}
