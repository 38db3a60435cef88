package dev.switchboard.ua;

/** The digest user name and password a user agent answers challenges with. */
public record Credentials(String user, String password) {

  public Credentials {
    if (user == null || user.isBlank() || password == null) {
      throw new IllegalArgumentException("a user name and a password are needed");
    }
  }

  @Override
  public String toString() {
    return "Credentials[" + user + "]";
  }
}
