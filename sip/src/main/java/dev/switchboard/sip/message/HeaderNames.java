package dev.switchboard.sip.message;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Canonical spellings of header names, compact forms (RFC 3261 §7.3.3) expanded. */
public final class HeaderNames {
  public static final String VIA = "Via";
  public static final String FROM = "From";
  public static final String TO = "To";
  public static final String CALL_ID = "Call-ID";
  public static final String CSEQ = "CSeq";
  public static final String CONTACT = "Contact";
  public static final String MAX_FORWARDS = "Max-Forwards";
  public static final String ROUTE = "Route";
  public static final String RECORD_ROUTE = "Record-Route";
  public static final String EXPIRES = "Expires";
  public static final String MIN_EXPIRES = "Min-Expires";
  public static final String CONTENT_LENGTH = "Content-Length";
  public static final String CONTENT_TYPE = "Content-Type";
  public static final String CONTENT_ENCODING = "Content-Encoding";
  public static final String AUTHORIZATION = "Authorization";
  public static final String PROXY_AUTHORIZATION = "Proxy-Authorization";
  public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  public static final String PROXY_AUTHENTICATE = "Proxy-Authenticate";
  public static final String ALLOW = "Allow";
  public static final String ACCEPT = "Accept";
  public static final String SUPPORTED = "Supported";
  public static final String REQUIRE = "Require";
  public static final String PROXY_REQUIRE = "Proxy-Require";
  public static final String UNSUPPORTED = "Unsupported";
  public static final String USER_AGENT = "User-Agent";
  public static final String SERVER = "Server";
  public static final String SUBJECT = "Subject";
  public static final String EVENT = "Event";
  public static final String REFER_TO = "Refer-To";
  public static final String REFERRED_BY = "Referred-By";
  public static final String ALLOW_EVENTS = "Allow-Events";
  public static final String SESSION_EXPIRES = "Session-Expires";
  public static final String PATH = "Path";
  public static final String RSEQ = "RSeq";
  public static final String RACK = "RAck";
  public static final String DATE = "Date";
  public static final String TIMESTAMP = "Timestamp";
  public static final String RETRY_AFTER = "Retry-After";
  public static final String WARNING = "Warning";
  public static final String P_ASSERTED_IDENTITY = "P-Asserted-Identity";
  public static final String P_PREFERRED_IDENTITY = "P-Preferred-Identity";
  public static final String REMOTE_PARTY_ID = "Remote-Party-ID";

  private static final Map<String, String> CANONICAL = new HashMap<>();
  // Most senders write the canonical spelling: a hit here costs no lower-casing.
  private static final Map<String, String> EXACT = new HashMap<>();

  static {
    String[] names = {
      VIA,
      FROM,
      TO,
      CALL_ID,
      CSEQ,
      CONTACT,
      MAX_FORWARDS,
      ROUTE,
      RECORD_ROUTE,
      EXPIRES,
      MIN_EXPIRES,
      CONTENT_LENGTH,
      CONTENT_TYPE,
      CONTENT_ENCODING,
      AUTHORIZATION,
      PROXY_AUTHORIZATION,
      WWW_AUTHENTICATE,
      PROXY_AUTHENTICATE,
      ALLOW,
      ACCEPT,
      SUPPORTED,
      REQUIRE,
      PROXY_REQUIRE,
      UNSUPPORTED,
      USER_AGENT,
      SERVER,
      SUBJECT,
      EVENT,
      REFER_TO,
      REFERRED_BY,
      ALLOW_EVENTS,
      SESSION_EXPIRES,
      PATH,
      RSEQ,
      RACK,
      DATE,
      TIMESTAMP,
      RETRY_AFTER,
      WARNING,
      "Accept-Encoding",
      "Accept-Language",
      "Alert-Info",
      "Authentication-Info",
      "Call-Info",
      "Content-Disposition",
      "Content-Language",
      "Error-Info",
      "In-Reply-To",
      "MIME-Version",
      "Organization",
      "Priority",
      "Reply-To",
      "Subscription-State",
      "Accept-Contact",
      "Reject-Contact",
      "Request-Disposition",
      "Identity",
      "Identity-Info",
      "Min-SE",
      "Privacy",
      P_ASSERTED_IDENTITY,
      P_PREFERRED_IDENTITY,
      REMOTE_PARTY_ID,
      "Replaces",
      "SIP-ETag",
      "SIP-If-Match"
    };
    for (String n : names) {
      CANONICAL.put(n.toLowerCase(Locale.ROOT), n);
      EXACT.put(n, n);
    }
    String[][] compact = {
      {"i", CALL_ID},
      {"m", CONTACT},
      {"e", CONTENT_ENCODING},
      {"l", CONTENT_LENGTH},
      {"c", CONTENT_TYPE},
      {"f", FROM},
      {"s", SUBJECT},
      {"k", SUPPORTED},
      {"t", TO},
      {"v", VIA},
      {"o", EVENT},
      {"r", REFER_TO},
      {"b", REFERRED_BY},
      {"u", ALLOW_EVENTS},
      {"x", SESSION_EXPIRES},
      {"a", "Accept-Contact"},
      {"j", "Reject-Contact"},
      {"d", "Request-Disposition"},
      {"y", "Identity"},
      {"n", "Identity-Info"}
    };
    for (String[] c : compact) {
      CANONICAL.put(c[0], c[1]);
    }
  }

  // Known names (lower case) by first letter and length, for matching straight on the wire bytes:
  // usually one candidate is left to compare.
  private static final int MAX_LEN = 32;
  private static final String[][][] BY_FIRST_AND_LENGTH = new String[128][][];
  // The canonical spelling of each candidate, at the same place: no map lookup per header line.
  private static final String[][][] CANONICAL_BY_FIRST_AND_LENGTH = new String[128][][];

  static {
    Map<Character, Map<Integer, java.util.List<String>>> groups = new java.util.TreeMap<>();
    for (String lower : CANONICAL.keySet()) {
      if (lower.length() >= MAX_LEN) {
        throw new IllegalStateException("header name too long for the table: " + lower);
      }
      groups
          .computeIfAbsent(lower.charAt(0), k -> new java.util.TreeMap<>())
          .computeIfAbsent(lower.length(), k -> new java.util.ArrayList<>())
          .add(lower);
    }
    for (Map.Entry<Character, Map<Integer, java.util.List<String>>> g : groups.entrySet()) {
      String[][] byLength = new String[MAX_LEN][];
      String[][] canonicalByLength = new String[MAX_LEN][];
      for (Map.Entry<Integer, java.util.List<String>> l : g.getValue().entrySet()) {
        byLength[l.getKey()] = l.getValue().toArray(new String[0]);
        canonicalByLength[l.getKey()] =
            l.getValue().stream().map(CANONICAL::get).toArray(String[]::new);
      }
      BY_FIRST_AND_LENGTH[g.getKey()] = byLength;
      CANONICAL_BY_FIRST_AND_LENGTH[g.getKey()] = canonicalByLength;
    }
  }

  private HeaderNames() {}

  /**
   * The canonical name for the header name in {@code b[from, to)}, or null when it is not a known
   * name. Allocates nothing.
   */
  static String known(byte[] b, int from, int to) {
    int first = b[from] | 0x20;
    int len = to - from;
    if (first < 0 || first >= 128 || len >= MAX_LEN || BY_FIRST_AND_LENGTH[first] == null) {
      return null;
    }
    String[] candidates = BY_FIRST_AND_LENGTH[first][len];
    if (candidates != null) {
      for (int i = 0; i < candidates.length; i++) {
        if (sameIgnoringCase(b, from, candidates[i])) {
          return CANONICAL_BY_FIRST_AND_LENGTH[first][len][i];
        }
      }
    }
    return null;
  }

  private static boolean sameIgnoringCase(byte[] b, int from, String lower) {
    for (int i = 0; i < lower.length(); i++) {
      int c = b[from + i];
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      }
      if (c != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The canonical spelling of a known header name; unknown names come back as written. */
  public static String canonical(String name) {
    String exact = EXACT.get(name);
    if (exact != null) {
      return exact;
    }
    String known = CANONICAL.get(name.length() <= 1 ? name.toLowerCase(Locale.ROOT) : lower(name));
    return known != null ? known : name;
  }

  private static String lower(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return s.toLowerCase(Locale.ROOT);
      }
    }
    return s;
  }

  /** Whether two header names denote the same header (case-insensitive, compact forms too). */
  public static boolean same(String a, String b) {
    return canonical(a).equalsIgnoreCase(canonical(b));
  }
}
