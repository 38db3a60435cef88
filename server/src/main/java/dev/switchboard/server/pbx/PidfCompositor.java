package dev.switchboard.server.pbx;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event-state compositor of RFC 3903 §4 for presence: several publications for one address of
 * record become one PIDF document (RFC 3863) holding every publication's tuples, newest first, and
 * the server adds what it knows itself (the extension is on the phone, RFC 4480 activities).
 */
final class PidfCompositor {
  private static final Pattern ROOT = Pattern.compile("<presence\\b([^>]*)>", Pattern.DOTALL);
  private static final Pattern NAMESPACE = Pattern.compile("xmlns:([\\w.-]+)\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern TUPLE =
      Pattern.compile("<tuple\\b[^>]*?(/>|>.*?</tuple\\s*>)", Pattern.DOTALL);
  private static final Pattern TUPLE_ID =
      Pattern.compile("(<tuple\\b[^>]*?\\bid\\s*=\\s*\")([^\"]*)\"");

  /** What the server adds while the extension has an answered call. */
  static final String ON_THE_PHONE =
      "  <dm:person xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\""
          + " xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" id=\"calls\">\n"
          + "    <rpid:activities><rpid:on-the-phone/><rpid:busy/></rpid:activities>\n"
          + "  </dm:person>\n";

  private PidfCompositor() {}

  /**
   * One document for {@code entity} from {@code documents} (newest first): a single one is kept as
   * published; several give one presence element with all their tuples, each tuple id made unique
   * and the namespace prefixes they use declared on the root.
   */
  static String compose(String entity, List<String> documents) {
    if (documents.size() == 1) {
      return documents.get(0);
    }
    Map<String, String> namespaces = new LinkedHashMap<>();
    StringBuilder tuples = new StringBuilder();
    Set<String> ids = new HashSet<>();
    for (String doc : documents) {
      Matcher root = ROOT.matcher(doc);
      if (root.find()) {
        Matcher ns = NAMESPACE.matcher(root.group(1));
        while (ns.find()) {
          namespaces.putIfAbsent(ns.group(1), ns.group(2));
        }
      }
      Matcher t = TUPLE.matcher(doc);
      while (t.find()) {
        tuples.append("  ").append(uniqueId(t.group(), ids)).append('\n');
      }
    }
    StringBuilder sb =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"");
    namespaces.forEach(
        (prefix, uri) -> sb.append(" xmlns:").append(prefix).append("=\"").append(uri).append('"'));
    sb.append(" entity=\"").append(xml(entity)).append("\">\n").append(tuples);
    return sb.append("</presence>\n").toString();
  }

  /** {@code document} with the on-the-phone person element added before its end. */
  static String onThePhone(String document) {
    int end = document.lastIndexOf("</presence");
    if (end < 0) {
      return document;
    }
    return document.substring(0, end) + ON_THE_PHONE + document.substring(end);
  }

  private static String uniqueId(String tuple, Set<String> ids) {
    Matcher m = TUPLE_ID.matcher(tuple);
    if (!m.find()) {
      return tuple;
    }
    String id = m.group(2);
    String unique = id;
    for (int n = 2; !ids.add(unique); n++) {
      unique = id + "-" + n;
    }
    return unique.equals(id)
        ? tuple
        : tuple.substring(0, m.start(2)) + unique + tuple.substring(m.end(2));
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }
}
