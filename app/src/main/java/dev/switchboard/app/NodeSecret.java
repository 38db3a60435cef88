package dev.switchboard.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The node's master secret, made once and kept in the data directory (readable by the service's
 * user only), from which the digest nonce key and the Record-Route token key are derived. Kept
 * across restarts so phones' nonces and calls set up before a restart stay valid after it.
 */
final class NodeSecret {
  private static final String FILE = "node.secret";
  private final byte[] master;

  private NodeSecret(byte[] master) {
    this.master = master;
  }

  /** Reads the secret in {@code dataDir}, creating it on first use. */
  static NodeSecret in(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
          Files.write(file, fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
          } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: left to its own permissions.
          }
        } catch (FileAlreadyExistsException raced) {
          // Another start made it first; read theirs.
        }
      }
      byte[] master = Files.readAllBytes(file);
      if (master.length < 16) {
        throw new IllegalStateException(file + " is damaged (too short): remove it to make anew");
      }
      return new NodeSecret(master);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  /** A 32-byte key for {@code purpose}, independent of the keys for other purposes. */
  byte[] key(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(master, "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
