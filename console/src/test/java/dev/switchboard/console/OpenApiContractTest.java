package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.console.OpenApiSamples.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and the server agree on every schema, both ways, over real calls on a slice
 * of the demo story: each documented request body (every documented field filled) is accepted
 * rather than refused for a field, every 2xx JSON answer fits the documented schema exactly (no
 * wrong types, no missing required field, no field the document does not name), and every
 * documented 4xx answer has the one error shape.
 */
class OpenApiContractTest {

  @Test
  void everyDocumentedSchemaMatchesWhatTheServerDoes() throws Exception {
    Set<String> drift = new TreeSet<>();
    int checked = 0;
    try (SeededApi api = SeededApi.start()) {
      OpenApiSamples doc = api.doc();
      SchemaCheck schemas = new SchemaCheck(doc);
      for (Operation op : api.operations()) {
        if (op.method().equals("DELETE")) {
          continue;
        }
        for (String path : api.paths(op)) {
          String body = null;
          if (op.bodyTypes().contains("application/json")) {
            JsonNode sample = doc.sample(op.jsonBodySchema());
            stripReadOnly(doc, op.jsonBodySchema(), sample);
            body = sample.toString();
          } else if (!op.bodyTypes().isEmpty()) {
            continue; // CSV uploads have no JSON schema to hold them to
          }
          HttpJson.Reply r = api.send(op.method(), path, body);
          api.remember(r.json());
          if (r.status() == 400
              && r.json() != null
              && r.json().path("error").asText().startsWith("unknown field")) {
            drift.add(
                op
                    + ": the document names a field the server refuses: "
                    + r.json().path("field").asText());
          }
          // A response may be a shared one (#/components/responses/...), so follow the $ref.
          JsonNode schema =
              doc.resolve(op.spec().path("responses").path(Integer.toString(r.status())))
                  .path("content")
                  .path("application/json")
                  .path("schema");
          if (r.status() >= 400 && r.json() != null && !schema.isMissingNode()) {
            // Every documented error answer has the one error shape.
            for (String problem : schemas.check(schema, r.json())) {
              drift.add(op + " " + r.status() + " " + problem);
            }
          }
          if (r.status() < 300
              && r.json() != null
              && r.contentType().startsWith("application/json")) {
            if (schema.isMissingNode()) {
              drift.add(
                  op + ": answers " + r.status() + " with JSON the document does not describe");
              continue;
            }
            checked++;
            for (String problem : schemas.check(schema, r.json())) {
              drift.add(op + " " + r.status() + " " + problem.replaceAll("\\[\\d+]", "[*]"));
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(80);
    Path known = Path.of("src/test/resources/openapi-known-drift.txt");
    if (Boolean.getBoolean("openapi.writeKnownDrift")) {
      Files.write(known, drift);
    }
    // Known drift may only shrink: a new disagreement fails, and so does a fixed one still listed.
    assertThat(drift).containsExactlyElementsOf(new TreeSet<>(Files.readAllLines(known)));
  }

  @Test
  void theCheckerFindsBothKindsOfDrift() {
    OpenApiSamples doc = OpenApiSamples.load();
    SchemaCheck check = new SchemaCheck(doc);
    JsonNode tenant = doc.resolve(doc.sampleRef("Tenant"));
    ObjectNode good = (ObjectNode) doc.sample(tenant);
    assertThat(check.check(tenant, good)).isEmpty();
    ObjectNode extra = good.deepCopy().put("secret", "x");
    assertThat(check.check(tenant, extra)).anyMatch(p -> p.contains("secret: not in the schema"));
    ObjectNode wrong = good.deepCopy().put("name", 42);
    assertThat(check.check(tenant, wrong))
        .anyMatch(p -> p.contains("where the schema wants string"));
  }

  /** readOnly fields are the server's to set, so a request leaves them out (nested ones too). */
  private static void stripReadOnly(OpenApiSamples doc, JsonNode schemaOrRef, JsonNode body) {
    JsonNode s = doc.resolve(schemaOrRef);
    if (body instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        if (doc.resolve(p.getValue()).path("readOnly").asBoolean(false)) {
          o.remove(p.getKey());
        } else if (o.has(p.getKey())) {
          stripReadOnly(doc, p.getValue(), o.get(p.getKey()));
        }
      }
    } else if (body.isArray()) {
      for (JsonNode e : body) {
        stripReadOnly(doc, s.path("items"), e);
      }
    }
  }
}
