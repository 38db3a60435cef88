package dev.switchboard.store;

/** A request the store refuses; the subtype says why, so callers can map it to a status. */
public abstract sealed class StoreException extends RuntimeException
    permits InvalidValueException, NotFoundException, DuplicateException {

  private final String field;

  protected StoreException(String message, String field) {
    super(message);
    this.field = field;
  }

  /** The input field at fault, or null when no single field is. */
  public String field() {
    return field;
  }
}
