package dev.switchboard.store;

/** The tenant or account asked for does not exist. */
public final class NotFoundException extends StoreException {
  public NotFoundException(String field, String message) {
    super(message, field);
  }
}
