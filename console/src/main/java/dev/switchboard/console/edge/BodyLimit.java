package dev.switchboard.console.edge;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How large a request body may be: small everywhere, larger for the CSV imports. Enforced before
 * any route or authentication runs; an import route reads its body only after the access gate has
 * let the caller through, so a stranger never gets more than the small limit read.
 */
public final class BodyLimit {

  /** JSON bodies, sign-in and the public trial form: far more than any of them needs. */
  public static final long SMALL = 64L * 1024;

  /** A CSV of 100,000 accounts or a year of invoices fits with room to spare. */
  public static final long IMPORT = 16L * 1024 * 1024;

  private static final List<Pattern> IMPORTS =
      List.of(
          Pattern.compile("/api/v1/tenants/[^/]+/accounts/import"),
          Pattern.compile("/api/v1/billing/import"),
          Pattern.compile("/api/v1/marketing/lead-imports"),
          Pattern.compile("/api/v1/success/churn/own-history"));

  private BodyLimit() {}

  /** The limit for a request of {@code method} to {@code path} (decoded; null when unknown). */
  public static long of(String method, String path) {
    if ("POST".equals(method) && path != null) {
      for (Pattern p : IMPORTS) {
        if (p.matcher(path).matches()) {
          return IMPORT;
        }
      }
    }
    return SMALL;
  }
}
