package org.seqvault.api.ops;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import org.eclipse.jetty.util.Attributes;

/** Names a request's route and API dialect for metrics and the access log. */
final class Routes {
    /** What requests that matched no route are counted under (their raw paths would be unbounded). */
    static final String UNMATCHED = "unmatched";
    private static final String ATTRIBUTE = "seqvault.route";

    private Routes() {
    }

    /** Remembers the matched route's template on the request, for when Jetty has sent the answer. */
    static void remember(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoint();
            // "*" is the catch-all that answers unknown paths 404: not a route of ours.
            if (endpoint != null && !endpoint.path.equals("*")) {
                ctx.attribute(ATTRIBUTE, endpoint.path);
            }
        } catch (RuntimeException noEndpoint) {
            // No route matched: the request stays UNMATCHED.
        }
    }

    /** The route template a request matched, e.g. {@code /v2/files/{id}}, or {@link #UNMATCHED}. */
    static String template(Attributes request) {
        return request.getAttribute(ATTRIBUTE) instanceof String template ? template : UNMATCHED;
    }

    /** The API a route belongs to: v1, v2, admin, blob (presigned URLs) or ops (health, metrics). */
    static String dialect(String template) {
        if (template.startsWith("/v2/") || template.equals("/v2")) {
            return "v2";
        }
        if (template.startsWith("/admin/")) {
            return "admin";
        }
        if (template.startsWith("/_blob")) {
            return "blob";
        }
        if (template.equals("/healthz") || template.equals("/metrics")) {
            return "ops";
        }
        return template.equals(UNMATCHED) ? UNMATCHED : "v1";
    }
}
