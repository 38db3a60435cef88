package dev.switchboard.server.proxy;

import dev.switchboard.server.directory.Subscriber;
import dev.switchboard.server.directory.SubscriberDirectory;
import dev.switchboard.server.directory.TenantRouting;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Tenants and extensions with known passwords, standing in for the registrar's directory. */
public final class MemoryDirectory implements SubscriberDirectory {
  private final Map<String, TenantRouting> tenants = new ConcurrentHashMap<>();
  private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
  private boolean synchronous;

  /** Answers lookups on the calling thread, for tests on a virtual clock. */
  public MemoryDirectory synchronous() {
    synchronous = true;
    return this;
  }

  public MemoryDirectory tenant(String domain, TenantRouting.Mode mode) {
    tenants.put(domain, new TenantRouting(domain, true, mode));
    return this;
  }

  public MemoryDirectory user(String domain, String user, String password) {
    return user(domain, user, password, true);
  }

  public MemoryDirectory user(String domain, String user, String password, boolean admitted) {
    String a1 = user + ":" + domain + ":" + password;
    subscribers.put(
        user + "@" + domain,
        new Subscriber(domain, user, hex("MD5", a1), hex("SHA-256", a1), admitted));
    return this;
  }

  private static String hex(String algorithm, String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Optional<TenantRouting> tenant(String domain) {
    return Optional.ofNullable(tenants.get(domain.toLowerCase(java.util.Locale.ROOT)));
  }

  @Override
  public CompletionStage<Optional<Subscriber>> subscriber(String domain, String user) {
    if (synchronous) {
      return CompletableFuture.completedFuture(
          Optional.ofNullable(subscribers.get(user + "@" + domain)));
    }
    // Completes on another thread, as a real cache miss would.
    return CompletableFuture.supplyAsync(
        () -> Optional.ofNullable(subscribers.get(user + "@" + domain)));
  }
}
