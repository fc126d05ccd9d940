package org.seqvault.api.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.seqvault.api.RouteTable;
import org.seqvault.api.RouteTable.Guard;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;

/**
 * Serves the web file browser (the web module's built assets, on the classpath under
 * {@code seqvault-web/}) at {@code /}. The page is a client of the public APIs and routes by the URL's
 * fragment, so only {@code /} and {@code /assets/{name}} are served and no API path is shadowed.
 * Hashed asset names never change content, so they are cached for a year; the page itself is
 * revalidated every time, so a new build is picked up at the next load.
 */
public final class WebAssets {
    private WebAssets() {
    }

    static final String ROOT = "seqvault-web/";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String NO_CACHE = "no-cache";

    /**
     * No inline script, nothing from elsewhere, requests only to this origin (and the object store's).
     * Styles allow 'unsafe-inline' (style-src only): igv.js, the genome view, adds its stylesheets as
     * {@code <style>} elements and sets style attributes in markup it builds; a hash would cover
     * only the first, and only for one igv version. Inline styles cannot run code.
     * Scripts allow 'wasm-unsafe-eval': igv decodes a CRAM's compressed blocks (rANS and the other
     * htscodecs) with WebAssembly it carries in its own script, which the browser compiles only
     * under this keyword; it allows no eval of JavaScript and no script from elsewhere.
     */
    static final String POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'; connect-src 'self'";

    /**
     * The policy for a server whose blob store hands browsers URLs on another origin (S3): the page
     * PUTs upload parts there and reads ranges from there (previews, the genome view's blocks).
     * {@link #POLICY} ends with connect-src, so the origin joins that directive.
     */
    static String policy(Optional<String> objectStoreOrigin) {
        return objectStoreOrigin.map(origin -> POLICY + " " + origin).orElse(POLICY);
    }

    /** Vite's hashed names: letters, digits, '-', '_' and dots; never a path. */
    private static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}");

    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "woff2", "font/woff2",
            "wasm", "application/wasm",
            "map", "application/json");

    /** @param objectStoreOrigin where the blob store's presigned URLs point, when not at this server */
    public static void register(RouteTable routes, Optional<String> objectStoreOrigin) {
        String policy = policy(objectStoreOrigin);
        routes.add(HandlerType.GET, "/", Guard.PUBLIC, ctx -> page(ctx, policy))
                .add(HandlerType.GET, "/assets/{name}", Guard.PUBLIC, ctx -> asset(ctx, policy));
    }

    private static void page(Context ctx, String policy) {
        send(ctx, ROOT + "index.html", "html", NO_CACHE, policy);
    }

    private static void asset(Context ctx, String policy) {
        String name = ctx.pathParam("name");
        if (!ASSET_NAME.matcher(name).matches() || name.contains("..")) {
            throw new UserException(Problem.ROUTE_NOT_FOUND, "no such asset: " + name);
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        send(ctx, ROOT + "assets/" + name, extension, IMMUTABLE, policy);
    }

    private static void send(Context ctx, String resource, String extension, String caching, String policy) {
        URL url = WebAssets.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new UserException(Problem.ROUTE_NOT_FOUND, resource.endsWith("index.html")
                    ? "the web file browser is not in this build (the web module's assets are missing)"
                    : "no such asset: " + resource.substring(resource.lastIndexOf('/') + 1));
        }
        try {
            InputStream in = url.openStream();
            ctx.header("Content-Security-Policy", policy)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Cache-Control", caching)
                    .contentType(TYPES.getOrDefault(extension, "application/octet-stream"))
                    .result(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
