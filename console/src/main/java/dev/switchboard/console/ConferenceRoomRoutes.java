package dev.switchboard.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.media.ConferenceParticipant;
import dev.switchboard.store.media.ConferenceRoom;
import dev.switchboard.store.media.ConferenceRooms;
import dev.switchboard.store.media.ConferenceRoster;
import dev.switchboard.store.media.PinEdit;
import dev.switchboard.store.tenant.TenantRepository;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/tenants/{domain}/conference-rooms}: a tenant's rooms (number, name, optional PIN)
 * and who is in each one right now.
 */
final class ConferenceRoomRoutes {
  private static final Set<String> FIELDS =
      Set.of("number", "name", "pin", "moderatorPin", "waitForModerator");

  private final TenantRepository tenants;
  private final ConferenceRooms rooms;
  private final ConferenceRoster roster;
  private final ObjectMapper mapper;

  ConferenceRoomRoutes(
      TenantRepository tenants,
      ConferenceRooms rooms,
      ConferenceRoster roster,
      ObjectMapper mapper) {
    this.tenants = tenants;
    this.rooms = rooms;
    this.roster = roster == null ? ConferenceRoster.NONE : roster;
    this.mapper = mapper;
  }

  void register(RoutesConfig routes) {
    String base = "/api/v1/tenants/{domain}/conference-rooms";
    routes.get(base, this::list);
    routes.post(base, this::create);
    routes.get(base + "/{number}", this::get);
    routes.put(base + "/{number}", this::replace);
    routes.patch(base + "/{number}", this::change);
    routes.delete(base + "/{number}", this::delete);
  }

  private ConferenceRooms roomsOf(Context ctx) {
    tenants.get(ctx.pathParam("domain"));
    if (rooms == null) {
      throw new NotFoundException("conference-rooms", "this node has no conference rooms");
    }
    return rooms;
  }

  private void list(Context ctx) {
    String domain = ctx.pathParam("domain");
    List<ConferenceParticipant> in = roster.participants(domain);
    ctx.json(Map.of("items", roomsOf(ctx).rooms(domain).stream().map(r -> view(r, in)).toList()));
  }

  private void get(Context ctx) {
    String domain = ctx.pathParam("domain");
    ConferenceRoom r = found(roomsOf(ctx), domain, ctx.pathParam("number"));
    ctx.json(view(r, roster.participants(domain)));
  }

  private void create(Context ctx) {
    String domain = ctx.pathParam("domain");
    ConferenceRooms all = roomsOf(ctx);
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), FIELDS);
    String number = body.requiredText("number");
    if (all.room(domain, number).isPresent()) {
      throw new DuplicateException("number", "room " + number + " exists");
    }
    ConferenceRoom r = save(all, domain, number, body);
    ctx.status(201).json(view(r, List.of()));
  }

  private void replace(Context ctx) {
    String domain = ctx.pathParam("domain");
    ConferenceRooms all = roomsOf(ctx);
    String number = ctx.pathParam("number");
    found(all, domain, number);
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), FIELDS);
    if (body.hasValue("number") && !number.equals(body.text("number"))) {
      throw new InvalidValueException("number", "the number is the one in the path");
    }
    ConferenceRoom r = save(all, domain, number, body);
    ctx.json(view(r, roster.participants(domain)));
  }

  /**
   * Changes only the fields given: the console edits a room without knowing its PINs, which are
   * stored only as hashes; a PIN given as null is removed.
   */
  private void change(Context ctx) {
    String domain = ctx.pathParam("domain");
    ConferenceRooms all = roomsOf(ctx);
    String number = ctx.pathParam("number");
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), FIELDS);
    if (body.hasValue("number") && !number.equals(body.text("number"))) {
      throw new InvalidValueException("number", "the number is the one in the path");
    }
    ConferenceRoom r =
        all.change(
                domain,
                number,
                body.has("name") ? body.text("name") : null,
                pinEdit(body, "pin"),
                pinEdit(body, "moderatorPin"),
                body.bool("waitForModerator"))
            .orElseThrow(() -> new NotFoundException("number", "no room " + number));
    ctx.json(view(r, roster.participants(domain)));
  }

  private static PinEdit pinEdit(JsonBody body, String field) {
    if (!body.has(field)) {
      return new PinEdit.Keep();
    }
    String pin = body.text(field);
    return pin == null ? new PinEdit.Remove() : new PinEdit.Set(pin);
  }

  private static ConferenceRoom save(
      ConferenceRooms all, String domain, String number, JsonBody body) {
    return all.save(
        domain,
        number,
        body.text("name"),
        body.text("pin"),
        body.text("moderatorPin"),
        body.bool("waitForModerator", false));
  }

  private void delete(Context ctx) {
    if (!roomsOf(ctx).delete(ctx.pathParam("domain"), ctx.pathParam("number"))) {
      throw new NotFoundException("number", "no room " + ctx.pathParam("number"));
    }
    ctx.status(204);
  }

  private static ConferenceRoom found(ConferenceRooms all, String domain, String number) {
    return all.room(domain, number)
        .orElseThrow(() -> new NotFoundException("number", "no room " + number));
  }

  private static Map<String, Object> view(ConferenceRoom r, List<ConferenceParticipant> in) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("number", r.number());
    v.put("name", r.name());
    v.put("hasPin", r.hasPin());
    v.put("hasModeratorPin", r.hasModeratorPin());
    v.put("waitForModerator", r.waitForModerator());
    v.put(
        "participants",
        in.stream()
            .filter(p -> p.room().equals(r.number()))
            .map(
                p ->
                    Map.of(
                        "caller", p.caller(),
                        "muted", p.muted(),
                        "joinedAt", p.joinedAt().toString()))
            .toList());
    return v;
  }
}
