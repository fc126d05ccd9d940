package org.seqvault.reliability.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.seqvault.reliability.support.Http;

/**
 * What every answer to fuzzed input must be, whatever the input: never a server error, every
 * refusal a JSON error in one of the two dialects, and a file it accepts has a key that names no
 * place outside its workspace.
 */
final class Soundness {
    private Soundness() {
    }

    static void check(RawHttp.Answer answer, String path) {
        if (answer.status() >= 500) {
            throw new AssertionError("server error " + answer.status() + " for " + path + ": " + answer.text());
        }
        // Jetty's own refusals of unparseable requests are JSON too (JettyErrors). A fuzzed path may be
        // normalised into the other API, so either dialect's shape is accepted here (the authorisation
        // matrix checks the exact dialect of every route).
        if (answer.status() >= 400 && answer.body().length > 0) {
            JsonNode body = json(answer, path);
            boolean sb = body.path("status").asInt() == answer.status() && body.path("code").isInt()
                    && body.path("message").isTextual();
            boolean v1 = body.path("error").path("code").isTextual() && body.path("error").path("message").isTextual();
            if (!sb && !v1) {
                throw new AssertionError("error for " + path + " is in neither API's format: " + answer.text());
            }
        }
    }

    /** A key the server accepted must be a plain relative key: no traversal, no absolute path, no control characters. */
    static void checkKey(String key) {
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("\\") || key.contains("//")
                || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                || key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1024) {
            throw new AssertionError("accepted a bad key: " + printable(key));
        }
        for (String segment : key.split("/")) {
            if (segment.equals(".") || segment.equals("..") || segment.length() > 255) {
                throw new AssertionError("accepted a key with segment '" + printable(segment) + "': " + printable(key));
            }
        }
    }

    static JsonNode json(RawHttp.Answer answer, String path) {
        try {
            return Http.JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("answer for " + path + " is not JSON (" + answer.status() + "): " + answer.text());
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : Character.toString(c)));
        return b.toString();
    }
}
