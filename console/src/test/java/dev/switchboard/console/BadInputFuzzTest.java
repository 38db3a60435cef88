package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.console.OpenApiSamples.Operation;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Walks every route the server has with odd input — bodies of the wrong shape, wrong types, huge
 * numbers, overlong strings, impossible dates, ids that are not ids, unknown and bad query
 * parameters — and fails on any 5xx or any API error that is not JSON.
 */
class BadInputFuzzTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String LONG = "x".repeat(5_000);

  /** Whole bodies that are not the object a JSON route wants. */
  private static final List<String> ODD_JSON =
      List.of(
          "",
          "{}",
          "[]",
          "null",
          "\"text\"",
          "42",
          "1e999",
          "{",
          "{\"a\":",
          "{\"a\":1}",
          "[".repeat(5_000) + "]".repeat(5_000),
          "{\"\u0000\":\"\\ud800\"}");

  /** Values put in place of one field of a plausible body. */
  private static final List<JsonNode> ODD_VALUES =
      List.of(
          NODES.nullNode(),
          NODES.textNode(""),
          NODES.textNode(" "),
          NODES.textNode(LONG),
          NODES.textNode("2026-02-30"),
          NODES.textNode("abc"),
          NODES.textNode("-1"),
          NODES.textNode("1e308"),
          NODES.numberNode(-1),
          NODES.numberNode(0),
          NODES.numberNode(1.5),
          NODES.numberNode(Long.MAX_VALUE),
          NODES.numberNode(new java.math.BigDecimal("1e40")),
          NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")),
          NODES.numberNode(1e308),
          NODES.booleanNode(true),
          NODES.arrayNode(),
          NODES.objectNode());

  private static final List<String> ODD_QUERY_VALUES =
      List.of(
          "",
          "abc",
          "-1",
          "0",
          "99999999999999999999",
          "1e308",
          "2026-02-30",
          "2026-13-01",
          "0000-01-01",
          "9999-12-31",
          "+999999999-12-31",
          "x".repeat(3_000));

  private static final List<String> ODD_PATH_VALUES =
      List.of("abc", "0", "-1", "99999999999999999999", "1.5", "x".repeat(300), "%20", "%C3%A9");

  private static final List<String> ODD_CSV =
      List.of(
          "",
          "garbage",
          "a,b,c\n1,2",
          "\"unterminated\n",
          "\u0000\u0001\u0002",
          "x".repeat(50_000),
          "domain,name\n" + "x,".repeat(2_000));

  private final List<String> failures = new ArrayList<>();
  private SeededApi api;
  private int requests;

  @Test
  void noRouteAnswersOddInputWithA5xx() throws Exception {
    try (SeededApi seeded = SeededApi.start()) {
      api = seeded;
      List<Operation> ops = api.operations();
      assertThat(ops.stream().map(Operation::toString).sorted().toList())
          .containsExactlyInAnyOrderElementsOf(api.routes());
      for (Operation op : ops) { // plausible bodies create more things to point at
        if (!op.method().equals("GET") && op.bodyTypes().contains("application/json")) {
          for (String path : api.paths(op)) {
            api.remember(
                send(op, path, api.doc().sample(op.jsonBodySchema()).toString(), "json").json());
          }
        }
      }
      for (Operation op : ops) {
        fuzz(api.doc(), op);
      }
    }
    assertThat(requests).isGreaterThan(5_000);
    assertThat(failures).as("%d requests", requests).isEmpty();
  }

  private void fuzz(OpenApiSamples doc, Operation op) {
    String base = api.paths(op).get(0);
    for (String path : api.fill(op, ODD_PATH_VALUES)) {
      send(op, path, op.method().equals("GET") ? null : "{}", "json");
    }
    send(op, base + (base.contains("?") ? "&" : "?") + "zz=1", null, "json");
    for (JsonNode p : op.parameters("query")) {
      for (String v : ODD_QUERY_VALUES) {
        String q = p.get("name").asText() + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8);
        send(op, base + "?" + q, null, "json");
      }
    }
    if (op.method().equals("GET") || op.method().equals("DELETE")) {
      return;
    }
    if (op.bodyTypes().contains("text/csv")) {
      for (String csv : ODD_CSV) {
        send(op, base, csv, "csv");
        send(op, base + "?async=true", csv, "csv");
      }
    }
    for (String body : ODD_JSON) {
      send(op, base, body, "json");
    }
    JsonNode schema = doc.resolve(op.jsonBodySchema());
    if (schema == null || schema.isMissingNode()) {
      return;
    }
    JsonNode sample = doc.sample(schema);
    if (!sample.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : schema.path("properties").properties()) {
      List<JsonNode> values = new ArrayList<>(ODD_VALUES);
      JsonNode inner = doc.sample(field.getValue());
      if (inner.isObject() || inner.isArray()) {
        values.addAll(oddInner(inner));
      }
      for (JsonNode v : values) {
        ObjectNode mutated = ((ObjectNode) sample.deepCopy()).set(field.getKey(), v);
        send(op, base, mutated.toString(), "json");
      }
    }
  }

  /** A nested object or array with one of its own fields (or its element) made odd. */
  private static List<JsonNode> oddInner(JsonNode inner) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode v : ODD_VALUES) {
      if (inner.isArray()) {
        out.add(NODES.arrayNode().add(v));
      } else {
        inner
            .fieldNames()
            .forEachRemaining(
                name -> out.add(((ObjectNode) inner.deepCopy()).set(name, v.deepCopy())));
      }
    }
    return out;
  }

  private HttpJson.Reply send(Operation op, String path, String body, String kind) {
    requests++;
    String what = op.method() + " " + abbreviate(path) + " " + abbreviate(body);
    HttpJson.Reply r;
    try {
      r = api.send(op.method(), path, body, kind.equals("csv") ? "text/csv" : "application/json");
    } catch (UncheckedIOException e) {
      failures.add("connection dropped for " + what + ": " + e.getMessage());
      return new HttpJson.Reply(0, "", null, "", null);
    }
    if (r.status() >= 500) {
      failures.add(r.status() + " for " + what + " -> " + abbreviate(r.body()));
    } else if (r.status() >= 400
        && (!r.contentType().startsWith("application/json")
            || r.json() == null
            || !r.json().path("error").isTextual())) {
      failures.add(r.status() + " without a JSON error for " + what);
    }
    return r;
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 120 ? s.substring(0, 120) + "…(" + s.length() + ")" : s;
  }
}
