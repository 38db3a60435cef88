package dev.switchboard.console.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.console.ApiServer;
import dev.switchboard.console.JsonBodyReads;
import dev.switchboard.ops.marketing.ChannelKind;
import dev.switchboard.ops.marketing.LeadStatus;
import dev.switchboard.store.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fuzz target for the console's JSON request bodies. The input is a first line naming where the
 * body goes (a marketing record's name, or a route) and the body after it. The body is read with
 * {@link dev.switchboard.console.JsonBody} every way a route can ({@link JsonBodyReads}), and bound
 * to the marketing record named (an unknown name picks one by its hash), the public trial form's
 * among them: binding gives the record or {@link InvalidValueException}, the API's 400 naming the
 * field, and so does turning the record into what the route hands on (a lead draft, a campaign,
 * intent rules, a trial form, a status or channel kind).
 */
class RequestBodyFuzzTest {
  private static final Http HTTP = new Http(ApiServer.objectMapper());
  private static final TrialGuard GUARD = new TrialGuard(Clock.systemUTC());

  /** Each record a route binds, with what the route does with it before storing anything. */
  private static final Map<String, Binding<?>> BINDINGS =
      Map.ofEntries(
          binding(LeadRoutes.LeadBody.class, LeadRoutes.LeadBody::draft),
          binding(
              LeadRoutes.StatusBody.class,
              b -> {
                if (b.status() != null) {
                  LeadStatus.parse(b.status());
                }
              }),
          binding(LeadRoutes.NoteBody.class, b -> {}),
          binding(LeadRoutes.MergeBody.class, b -> {}),
          binding(LeadRoutes.BulkBody.class, b -> {}),
          binding(
              CampaignRoutes.ChannelBody.class,
              b -> {
                if (b.kind() != null) {
                  ChannelKind.parse(b.kind());
                }
              }),
          binding(CampaignRoutes.CampaignBody.class, b -> b.campaign(b.code())),
          binding(CampaignRoutes.RetroBody.class, b -> {}),
          binding(CampaignRoutes.RulesBody.class, CampaignRoutes.RulesBody::intentRules),
          binding(LibraryRoutes.CompetitorBody.class, LibraryRoutes.CompetitorBody::competitor),
          binding(LibraryRoutes.FaqBody.class, b -> {}),
          binding(LibraryRoutes.PersonaBody.class, b -> {}),
          binding(LibraryRoutes.ContentBody.class, LibraryRoutes.ContentBody::item),
          binding(
              TrialRoutes.TrialBody.class,
              b -> {
                b.form();
                GUARD.check(b.token(), b.website());
              }));

  private static final List<String> NAMES = BINDINGS.keySet().stream().sorted().toList();

  @FuzzTest(maxDuration = "15s")
  void bind(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    String name = nl < 0 ? "" : text.substring(0, nl).strip();
    byte[] body = nl < 0 ? input : text.substring(nl + 1).getBytes(StandardCharsets.UTF_8);
    JsonBodyReads.check(body);
    Binding<?> b = BINDINGS.get(name);
    if (b == null) {
      b = BINDINGS.get(NAMES.get(Math.floorMod(name.hashCode(), NAMES.size())));
    }
    try {
      b.bindAndUse(body);
    } catch (InvalidValueException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  /** A record type and the route's use of it. */
  private record Binding<T>(Class<T> type, Consumer<T> use) {
    void bindAndUse(byte[] body) {
      use.accept(HTTP.read(body, type));
    }
  }

  private static <T> Map.Entry<String, Binding<?>> binding(Class<T> type, Consumer<T> use) {
    return Map.entry(type.getSimpleName(), new Binding<>(type, use));
  }
}
