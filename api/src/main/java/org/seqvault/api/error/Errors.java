package org.seqvault.api.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.UncheckedIOException;
import org.eclipse.jetty.io.EofException;
import org.seqvault.api.http.UnreadBodies;
import org.seqvault.api.http.RequestIds;
import org.seqvault.domain.Kind;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.BlobStoreFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One place that turns exceptions into error responses: user errors keep their message,
 * anything else is logged with the request id and answered without details.
 */
public final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);
    private static final ErrorDialect V1 = new V1Errors();
    private static final ErrorDialect SB = new SbErrors();
    private static final ErrorDialect HTSGET = new HtsgetErrors();
    private static final ErrorDialect DRS = new DrsErrors();

    private Errors() {
    }

    /**
     * The dialect of a path: Seven Bridges under /v2, GA4GH DRS under /ga4gh/drs, GA4GH htsget under
     * /ga4gh/htsget, the workspace format elsewhere.
     */
    public static ErrorDialect dialectFor(String path) {
        if (path.startsWith("/v2/") || path.equals("/v2")) {
            return SB;
        }
        if (path.startsWith(HtsgetErrors.PREFIX)) {
            return HTSGET;
        }
        return path.startsWith(DrsErrors.PREFIX) ? DRS : V1;
    }

    public static void install(RoutesConfig routes) {
        routes.exception(UserException.class, (e, ctx) -> render(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> renderFramework(ctx, e));
        routes.exception(Exception.class, Errors::renderUnexpected);
    }

    /** Seconds an overloaded server asks a client to wait before it retries. */
    static final String RETRY_AFTER_BUSY = "5";

    public static void render(Context ctx, UserException e) {
        UnreadBodies.drain(ctx);
        if (e.kind() == Kind.UNAVAILABLE && ctx.res().getHeader("Retry-After") == null) {
            ctx.header("Retry-After", RETRY_AFTER_BUSY);
        }
        dialectFor(ctx.path()).render(ctx, e.kind().httpStatus(), e.problem(), e.getMessage());
    }

    /** Javalin's own refusals: an unmatched route, a wrong method, a body over its limit. */
    private static void renderFramework(Context ctx, HttpResponseException e) {
        int status = e.getStatus();
        String message = switch (status) {
            case 404 -> "no such endpoint: " + ctx.method() + " " + ctx.path();
            case 405 -> "method " + ctx.method() + " is not allowed on " + ctx.path();
            case 413 -> "request body too large";
            default -> status >= 500 ? "internal error; quote request id " + RequestIds.of(ctx) : "bad request";
        };
        Problem problem = status == 404 ? Problem.ROUTE_NOT_FOUND : null;
        dialectFor(ctx.path()).render(ctx, status, problem, message);
    }

    private static void renderUnexpected(Exception e, Context ctx) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof UserException u) {
            render(ctx, u);
            return;
        }
        if (cause instanceof JsonProcessingException) {
            dialectFor(ctx.path()).render(ctx, 400, Problem.INVALID_JSON, "the body is not valid JSON");
            return;
        }
        if (isClientGone(e)) {
            // The client went away mid-request; there is nobody to answer.
            LOG.debug("client disconnected during {} {}: {}", ctx.method(), ctx.path(), cause.toString());
            ctx.status(400);
            return;
        }
        LOG.error("internal error on {} {} (request {})", ctx.method(), ctx.path(), RequestIds.of(ctx), e);
        dialectFor(ctx.path()).render(ctx, 500, null, "internal error; quote request id " + RequestIds.of(ctx));
    }

    /**
     * True when the client's connection broke: Jetty reports that, reading or writing, as its
     * {@link EofException} ("Early EOF" when the request body stops short, a failed write to the
     * client's socket wrapped in one), anywhere in the chain. Any other I/O failure, whatever its
     * message says ("Broken pipe", "Connection reset"), was elsewhere, and a blob store's failure
     * never is the client's, even with Jetty's exception inside: the client still waits for an
     * answer.
     */
    private static boolean isClientGone(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BlobStoreFailure) {
                return false;
            }
            if (c instanceof EofException) {
                return true;
            }
        }
        return false;
    }
}
