package org.seqvault.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.seqvault.api.ApiServices;
import org.seqvault.api.RouteTable;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Json;
import org.seqvault.api.http.StorageJson;
import org.seqvault.domain.ByteSize;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.ProjectStorage;
import org.seqvault.domain.Quota;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.Principal;

/**
 * Project quotas under /admin/v1 (admin scope): GET shows a project's quota and usage; PUT sets
 * {@code bytes} and {@code files}, each a number (bytes also as text such as "500GiB"), or null
 * for no limit; a key left out keeps its limit.
 */
public final class QuotaRoutes {
    private static final String QUOTA = "/admin/v1/projects/{owner}/{slug}/quota";
    private static final Set<String> KEYS = Set.of("bytes", "files");

    private final ApiServices s;
    private final Auth auth;

    public QuotaRoutes(ApiServices services, Auth auth) {
        this.s = services;
        this.auth = auth;
    }

    public void register(RouteTable routes) {
        routes.get(QUOTA, this::get)
                .put(QUOTA, this::set);
    }

    private void get(Context ctx) {
        Principal p = auth.principal(ctx);
        ProjectRef ref = ref(ctx);
        ctx.json(body(ref, s.quotas().get(p, ref)));
    }

    private void set(Context ctx) {
        Principal p = auth.principal(ctx);
        ProjectRef ref = ref(ctx);
        JsonNode body = Json.tree(ctx);
        if (!body.isObject()) {
            throw UserException.invalid("send a JSON object: {\"bytes\": N or null, \"files\": N or null}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw UserException.invalid("unknown key '" + name + "': a quota has 'bytes' and 'files'");
            }
        }
        Limit bytes = limit(body, "bytes", true);
        Limit files = limit(body, "files", false);
        ProjectStorage storage = s.quotas().set(p, ref, current -> new Quota(
                bytes.given() ? bytes.value() : current.bytes(), files.given() ? files.value() : current.files()));
        ctx.json(body(ref, storage));
    }

    /** A limit from the body: not given (keep), null (no limit), or a number. */
    private record Limit(boolean given, Long value) {
    }

    private static Limit limit(JsonNode body, String key, boolean sizeText) {
        if (!body.has(key)) {
            return new Limit(false, null);
        }
        JsonNode v = body.get(key);
        if (v.isNull()) {
            return new Limit(true, null);
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return new Limit(true, v.longValue());
        }
        if (sizeText && v.isTextual()) {
            return new Limit(true, ByteSize.parse(v.textValue()));
        }
        throw UserException.invalid("'" + key + "' must be a whole number" + (sizeText ? " or a size such as \"500GiB\"" : "")
                + ", or null for no limit");
    }

    private static ProjectRef ref(Context ctx) {
        return ProjectRef.parse(ctx.pathParam("owner") + "/" + ctx.pathParam("slug"));
    }

    private static Map<String, Object> body(ProjectRef ref, ProjectStorage storage) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project", ref.id());
        m.put("quota", StorageJson.quota(storage.quota()));
        m.put("usage", StorageJson.usage(storage.usage()));
        return m;
    }
}
