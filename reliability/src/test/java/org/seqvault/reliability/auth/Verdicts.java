package org.seqvault.reliability.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.seqvault.reliability.support.Http;

/**
 * Judges one answer of the matrix: the exact status, an error body in the dialect's format,
 * the items of a bulk answer, and no name or id the caller may not see (unless it sent it).
 */
final class Verdicts {
    final List<String> wrongStatus = new ArrayList<>();
    final List<String> wrongFormat = new ArrayList<>();
    final List<String> leaks = new ArrayList<>();
    int cases;

    void judge(RouteCase route, Caller caller, Request request, Http.Answer answer, List<String> secrets) {
        cases++;
        String where = route.route() + " as " + caller + " (" + request.method() + " " + request.pathAndQuery() + ")";
        int expected = Expected.status(route, caller.kind());
        if (answer.status() != expected) {
            wrongStatus.add(where + ": expected " + expected + ", got " + answer.status() + " " + abbreviate(answer.text()));
        }
        String body = answer.text();
        if (answer.status() >= 400 && !request.method().equals("HEAD")) {
            checkErrorFormat(where, request.pathAndQuery(), answer);
        }
        if (answer.status() == 200 && route.itemAccess() != null) {
            checkItems(where, route.itemAccess(), caller.kind(), answer.json());
        }
        for (String secret : secrets) {
            if (body.contains(secret) && !request.text().contains(secret)) {
                leaks.add(where + " answered " + answer.status() + " naming '" + secret + "': " + abbreviate(body));
            }
        }
    }

    boolean clean() {
        return wrongStatus.isEmpty() && wrongFormat.isEmpty() && leaks.isEmpty();
    }

    /**
     * Seven Bridges errors under /v2 ({status, code, message, more_info}); DRS ({msg, status_code});
     * htsget ({htsget: {error, message}}); the workspace format elsewhere.
     */
    private void checkErrorFormat(String where, String path, Http.Answer answer) {
        JsonNode json;
        try {
            json = answer.json();
        } catch (AssertionError notJson) {
            wrongFormat.add(where + ": error body is not JSON: " + abbreviate(answer.text()));
            return;
        }
        boolean ok = path.startsWith("/v2/")
                ? json.path("status").isInt() && json.path("status").asInt() == answer.status()
                        && json.path("code").isInt() && json.path("message").isTextual()
                : path.startsWith("/ga4gh/drs/")
                ? json.path("msg").isTextual() && json.path("status_code").asInt() == answer.status()
                : path.startsWith("/ga4gh/htsget/")
                ? json.size() == 1 && json.path("htsget").path("error").isTextual()
                        && json.path("htsget").path("message").isTextual()
                : json.path("error").path("code").isTextual() && json.path("error").path("message").isTextual()
                        && json.path("error").path("request_id").isTextual();
        if (!ok) {
            wrongFormat.add(where + ": error body not in the dialect's format: " + abbreviate(answer.text()));
        }
    }

    private void checkItems(String where, Need.Access access, CallerKind caller, JsonNode body) {
        int expected = Expected.itemStatus(access, caller);
        if (body.has("unresolved_drs_objects")) {
            checkDrsItems(where, expected, body);
            return;
        }
        for (JsonNode item : body.path("items")) {
            int actual = item.has("error") ? item.path("error").path("status").asInt() : 200;
            if (actual != expected || (actual == 200 && !item.has("resource"))) {
                wrongStatus.add(where + ": bulk item expected " + expected + ", got " + abbreviate(item.toString()));
            }
        }
    }

    /** A DRS bulk answer: every id resolved when the caller may read them all, else every id unresolved with the status. */
    private void checkDrsItems(String where, int expected, JsonNode body) {
        JsonNode summary = body.path("summary");
        int requested = summary.path("requested").asInt(-1);
        boolean ok;
        if (expected == 200) {
            ok = requested > 0 && summary.path("resolved").asInt() == requested && body.path("unresolved_drs_objects").isEmpty();
        } else {
            ok = requested > 0 && summary.path("unresolved").asInt() == requested;
            for (JsonNode group : body.path("unresolved_drs_objects")) {
                ok &= group.path("error_code").asInt() == expected;
            }
        }
        if (!ok) {
            wrongStatus.add(where + ": DRS bulk items expected " + expected + ", got " + abbreviate(body.toString()));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
