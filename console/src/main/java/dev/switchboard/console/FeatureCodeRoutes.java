package dev.switchboard.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.pbx.Feature;
import dev.switchboard.store.pbx.PbxRepository;
import dev.switchboard.store.pbx.PbxSettings;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/tenants/{domain}/feature-codes}: the star codes a tenant's phones dial for DND,
 * forwarding, call pickup and voicemail, listed with their defaults and changed one or more at a
 * time.
 */
final class FeatureCodeRoutes {
  private static final Set<String> FIELDS =
      Arrays.stream(Feature.values()).map(Feature::key).collect(Collectors.toUnmodifiableSet());

  private final PbxRepository pbx;
  private final ObjectMapper mapper;

  FeatureCodeRoutes(PbxRepository pbx, ObjectMapper mapper) {
    this.pbx = pbx;
    this.mapper = mapper;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/tenants/{domain}/feature-codes", this::list);
    routes.patch("/api/v1/tenants/{domain}/feature-codes", this::patch);
  }

  private void list(Context ctx) {
    ctx.json(view(pbx.settings(ctx.pathParam("domain"))));
  }

  /** Changes the named features' codes; the others keep theirs. {@code null} restores a default. */
  private void patch(Context ctx) {
    JsonBody body = JsonBody.parse(mapper, ctx.bodyAsBytes(), FIELDS);
    String domain = ctx.pathParam("domain");
    PbxSettings now = pbx.settings(domain);
    Map<Feature, String> codes = new EnumMap<>(now.featureCodes());
    for (Feature f : Feature.values()) {
      if (body.has(f.key())) {
        String code = body.text(f.key());
        codes.put(f, code == null ? f.defaultCode() : code.trim());
      }
    }
    ctx.json(view(pbx.saveSettings(domain, now.withFeatureCodes(codes))));
  }

  private static Map<String, Object> view(PbxSettings s) {
    return Map.of(
        "items",
        Arrays.stream(Feature.values())
            .map(
                f -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("feature", f.key());
                  m.put("code", s.code(f));
                  m.put("defaultCode", f.defaultCode());
                  m.put("takesNumber", f.takesNumber());
                  return m;
                })
            .toList());
  }
}
