package dev.switchboard.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.media.BusinessHours;
import dev.switchboard.store.media.IvrDestination;
import dev.switchboard.store.media.IvrMenu;
import dev.switchboard.store.media.IvrMenus;
import dev.switchboard.store.tenant.TenantRepository;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/tenants/{domain}/ivr-menus}: a tenant's auto-attendant menus (a number, keys to
 * destinations, timeout, retries, fallback) and each one's greeting as WAV.
 */
final class IvrMenuRoutes {
  private static final Set<String> FIELDS =
      Set.of(
          "number", "name", "timeoutSeconds", "retries", "keys", "fallback", "hours", "afterHours");
  private static final Set<String> HOURS = Set.of("timeZone", "days", "open", "close", "holidays");
  private static final int MAX_GREETING = 8 * 1024 * 1024;

  private final TenantRepository tenants;
  private final IvrMenus menus;
  private final ObjectMapper mapper;

  IvrMenuRoutes(TenantRepository tenants, IvrMenus menus, ObjectMapper mapper) {
    this.tenants = tenants;
    this.menus = menus;
    this.mapper = mapper;
  }

  void register(RoutesConfig routes) {
    String base = "/api/v1/tenants/{domain}/ivr-menus";
    routes.get(base, this::list);
    routes.post(base, this::create);
    routes.get(base + "/{number}", this::get);
    routes.put(base + "/{number}", this::replace);
    routes.delete(base + "/{number}", this::delete);
    routes.put(base + "/{number}/greeting", this::greeting);
  }

  /** The menus of a tenant that exists, or 404. */
  private IvrMenus menusOf(Context ctx) {
    tenants.get(ctx.pathParam("domain"));
    if (menus == null) {
      throw new NotFoundException("ivr-menus", "this node answers no menus");
    }
    return menus;
  }

  private void list(Context ctx) {
    String domain = ctx.pathParam("domain");
    ctx.json(
        Map.of("items", menusOf(ctx).menus(domain).stream().map(m -> view(domain, m)).toList()));
  }

  private void get(Context ctx) {
    String domain = ctx.pathParam("domain");
    IvrMenu m = found(menusOf(ctx), domain, ctx.pathParam("number"));
    ctx.json(view(domain, m));
  }

  private void create(Context ctx) {
    String domain = ctx.pathParam("domain");
    IvrMenus all = menusOf(ctx);
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), FIELDS);
    IvrMenu m = read(body, body.requiredText("number"));
    if (all.menu(domain, m.number()).isPresent()) {
      throw new dev.switchboard.store.DuplicateException(
          "number", "menu " + m.number() + " exists");
    }
    all.save(domain, m);
    ctx.status(201).json(view(domain, m));
  }

  private void replace(Context ctx) {
    String domain = ctx.pathParam("domain");
    IvrMenus all = menusOf(ctx);
    found(all, domain, ctx.pathParam("number"));
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), FIELDS);
    if (body.hasValue("number") && !ctx.pathParam("number").equals(body.text("number"))) {
      throw new InvalidValueException("number", "the number is the one in the path");
    }
    IvrMenu m = read(body, ctx.pathParam("number"));
    all.save(domain, m);
    ctx.json(view(domain, m));
  }

  private void delete(Context ctx) {
    if (!menusOf(ctx).delete(ctx.pathParam("domain"), ctx.pathParam("number"))) {
      throw new NotFoundException("number", "no menu " + ctx.pathParam("number"));
    }
    ctx.status(204);
  }

  /** The greeting callers hear, as a WAV body (8 kHz or more, 16-bit PCM or G.711). */
  private void greeting(Context ctx) {
    String domain = ctx.pathParam("domain");
    IvrMenus all = menusOf(ctx);
    found(all, domain, ctx.pathParam("number"));
    byte[] wav = ctx.bodyAsBytes();
    if (wav.length < 44
        || wav.length > MAX_GREETING
        || !new String(wav, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
        || !new String(wav, 8, 4, StandardCharsets.US_ASCII).equals("WAVE")) {
      throw new InvalidValueException("greeting", "the body must be a WAV file of at most 8 MiB");
    }
    all.saveGreeting(domain, ctx.pathParam("number"), new ByteArrayInputStream(wav));
    ctx.status(204);
  }

  private static IvrMenu found(IvrMenus all, String domain, String number) {
    return all.menu(domain, number)
        .orElseThrow(() -> new NotFoundException("number", "no menu " + number));
  }

  private static IvrMenu read(JsonBody body, String number) {
    Map<Character, IvrDestination> keys = new LinkedHashMap<>();
    JsonNode k = body.objectTree("keys");
    if (k != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = k.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().length() != 1 || !e.getValue().isTextual()) {
          throw new InvalidValueException(
              "keys",
              "keys maps one key (0-9, * or #) to a destination text, e.g. \"2\": \"dial:2000\"");
        }
        keys.put(
            e.getKey().charAt(0),
            IvrDestination.parse("keys." + e.getKey(), e.getValue().asText()));
      }
    }
    String fallback = body.text("fallback");
    String afterHours = body.text("afterHours");
    return new IvrMenu(
        number,
        body.text("name"),
        body.integer("timeoutSeconds", 5),
        body.integer("retries", 2),
        keys,
        fallback == null ? null : IvrDestination.parse("fallback", fallback),
        hours(body),
        afterHours == null ? null : IvrDestination.parse("afterHours", afterHours));
  }

  /** {@code "hours": {"timeZone": "Europe/Berlin", "days": ["MON"], "open": "09:00", …}}. */
  private static BusinessHours hours(JsonBody body) {
    JsonNode h = body.objectTree("hours");
    if (h == null) {
      return null;
    }
    for (Iterator<String> it = h.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!HOURS.contains(f)) {
        throw new InvalidValueException("hours." + f, "unknown field hours." + f);
      }
    }
    JsonNode days = h.path("days");
    if (!days.isArray()) {
      throw new InvalidValueException("hours.days", "hours.days is a list such as [\"MON\"]");
    }
    StringBuilder list = new StringBuilder();
    for (JsonNode d : days) {
      list.append(list.isEmpty() ? "" : ",").append(d.asText());
    }
    StringBuilder holidays = new StringBuilder();
    JsonNode dates = h.path("holidays");
    if (!dates.isMissingNode() && !dates.isNull()) {
      if (!dates.isArray()) {
        throw new InvalidValueException(
            "hours.holidays", "hours.holidays is a list such as [\"2026-12-25\"]");
      }
      for (JsonNode d : dates) {
        if (!d.isTextual()) {
          throw new InvalidValueException("hours.holidays", "a holiday is a YYYY-MM-DD string");
        }
        holidays.append(holidays.isEmpty() ? "" : ",").append(d.asText());
      }
    }
    return BusinessHours.parse(
        textOrNull(h, "timeZone"),
        list.toString(),
        textOrNull(h, "open"),
        textOrNull(h, "close"),
        holidays.toString());
  }

  private static String textOrNull(JsonNode h, String field) {
    JsonNode v = h.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidValueException("hours." + field, "hours." + field + " must be a string");
    }
    return v.asText();
  }

  private Map<String, Object> view(String domain, IvrMenu m) {
    Map<String, String> keys = new LinkedHashMap<>();
    m.keys().forEach((k, d) -> keys.put(String.valueOf(k), d.text()));
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("number", m.number());
    v.put("name", m.name());
    v.put("timeoutSeconds", m.timeoutSeconds());
    v.put("retries", m.retries());
    v.put("keys", keys);
    v.put("fallback", m.fallback().text());
    if (m.hours() != null) {
      v.put(
          "hours",
          Map.of(
              "timeZone", m.hours().zone().getId(),
              "days", List.of(m.hours().daysText().split(",")),
              "open", m.hours().open().toString(),
              "close", m.hours().close().toString(),
              "holidays",
                  m.hours().holidays().isEmpty()
                      ? List.of()
                      : List.of(m.hours().holidaysText().split(","))));
      v.put("afterHours", m.afterHours().text());
    }
    v.put("hasGreeting", menus.greeting(domain, m.number()).isPresent());
    return v;
  }
}
