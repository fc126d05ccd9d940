package org.seqvault.reliability.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqvault.api.RouteTable;
import org.seqvault.reliability.backend.Backend;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.InProcessServer;
import org.seqvault.reliability.support.Results;

/**
 * The authorisation matrix: every route in the server's own route table, called as every kind of
 * caller (no token, malformed tokens, unknown, expired and revoked tokens, a token lacking the
 * scope, a non-member, read and write members, the owner, an admin), must answer exactly the
 * status the contract gives, refuse in the dialect's error format, and never name a file, folder
 * or project the caller may not see. A route missing from {@link RouteCases} fails the test. DRS
 * routes are tried on the private project's file and on a public project's, which a caller
 * without any token may read.
 */
class AuthorizationMatrixTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.seqvault.reliability.backend.Backends#selected")
    void everyRouteAsEveryCaller(Backend backend, @TempDir Path data) throws Exception {
        // Hundreds of wrong tokens from one address, on purpose: without the failed-authentication limit
        // (AuthFailureLimitTest covers it) every one of them gets the contract's 401.
        try (InProcessServer server = InProcessServer.start(backend, data, Map.of("SEQVAULT_RATE_LIMIT", "0",
                "SEQVAULT_AUTH_FAILURE_LIMIT", "0"))) {
            List<RouteCase> cases = RouteCases.all();
            assertEveryRouteHasACase(server.routes(), cases);

            Http http = server.http();
            World world = new World(http);
            List<Caller> unauthenticated = unauthenticatedCallers(world);
            Map<Need.Scope, Caller> lackingScope = lackingScopeCallers(world);
            List<Caller> members = world.memberCallers();
            Verdicts verdicts = new Verdicts();
            for (RouteCase route : cases) {
                List<Caller> callers = new ArrayList<>(unauthenticated);
                callers.add(lackingScope.get(route.need().scope()));
                callers.addAll(members);
                for (Caller caller : callers) {
                    world.expectRefusal(Expected.status(route, caller.kind()) != route.success());
                    Request request = route.builder().build(world, caller);
                    verdicts.judge(route, caller, request, send(http, caller, request), secretsFor(world, caller));
                }
            }

            new Results("auth-" + backend.name())
                    .put("routes", cases.size())
                    .put("caller_kinds", CallerKind.values().length)
                    .put("cases_tried", verdicts.cases)
                    .put("wrong_status", verdicts.wrongStatus.size())
                    .put("wrong_error_format", verdicts.wrongFormat.size())
                    .put("leaks", verdicts.leaks.size())
                    .write();
            assertThat(verdicts.wrongStatus).as("answers with another status than the contract's").isEmpty();
            assertThat(verdicts.wrongFormat).as("refusals not in the dialect's error format").isEmpty();
            assertThat(verdicts.leaks).as("answers naming what the caller may not see").isEmpty();
        }
    }

    /** The server's routes and the table's cases must be the same set, and agree on how each is guarded. */
    private static void assertEveryRouteHasACase(List<RouteTable.Route> routes, List<RouteCase> cases) {
        Set<String> served = routes.stream().map(r -> r.method().name() + " " + r.path())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = cases.stream().map(RouteCase::route).collect(Collectors.toCollection(TreeSet::new));
        assertThat(covered).as("routes the server has (add a case to RouteCases for a new route)")
                .containsExactlyInAnyOrderElementsOf(served);
        for (RouteTable.Route r : routes) {
            RouteCase c = cases.stream().filter(x -> x.route().equals(r.method().name() + " " + r.path())).findFirst()
                    .orElseThrow();
            RouteTable.Guard expected = switch (c.need().access()) {
                case PUBLIC -> RouteTable.Guard.PUBLIC;
                case SIGNED_URL -> RouteTable.Guard.SIGNED_URL;
                case DRS_READ, DRS_PUBLIC_READ, DRS_AUTH_INFO, DRS_BULK -> RouteTable.Guard.TOKEN_OR_PUBLIC_PROJECTS;
                default -> RouteTable.Guard.TOKEN;
            };
            assertThat(r.guard()).as("guard of " + c.route()).isEqualTo(expected);
        }
    }

    private static List<Caller> unauthenticatedCallers(World world) throws Exception {
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller(CallerKind.NO_TOKEN, "no token", Map.of(), List.of()));
        callers.add(new Caller(CallerKind.MALFORMED_TOKEN, "basic auth", Map.of("Authorization",
                "Basic emV0YS1vd25lcjpzZWNyZXQ="), List.of()));
        callers.add(new Caller(CallerKind.MALFORMED_TOKEN, "bare Bearer", Map.of("Authorization", "Bearer"), List.of()));
        callers.add(new Caller(CallerKind.MALFORMED_TOKEN, "injection token", Map.of("Authorization",
                "Bearer ' OR '1'='1'; --"), List.of()));
        callers.add(new Caller(CallerKind.MALFORMED_TOKEN, "2 KB token", Map.of("X-SBG-Auth-Token", "x".repeat(2048)),
                List.of()));
        callers.add(Caller.bearer(CallerKind.UNKNOWN_TOKEN, "unknown token",
                "svt_unknownunknownunknownunknownunknown0123456", List.of()));
        String expired = world.accounts.token("zeta-owner", 1L, "files", "projects").get("token").asText();
        var revoked = world.accounts.token("zeta-owner", null, "files", "projects");
        Http.Answer revoke = world.http.call("DELETE", "/v1/tokens/" + revoked.get("id").asText(), world.admin, null);
        assertThat(revoke.status()).as(revoke.text()).isEqualTo(204);
        callers.add(Caller.bearer(CallerKind.EXPIRED_TOKEN, "expired token", expired, List.of("files", "projects")));
        callers.add(Caller.bearer(CallerKind.REVOKED_TOKEN, "revoked token", revoked.get("token").asText(),
                List.of("files", "projects")));
        Thread.sleep(1_100); // past the expired token's one second
        return callers;
    }

    /** The owner's tokens that lack exactly the scope a route needs (all scopes but admin for admin routes). */
    private static Map<Need.Scope, Caller> lackingScopeCallers(World world) throws Exception {
        return Map.of(
                Need.Scope.NONE, ownerToken(world, "files"),
                Need.Scope.FILES, ownerToken(world, "projects", "tokens"),
                Need.Scope.PROJECTS, ownerToken(world, "files", "tokens"),
                Need.Scope.TOKENS, ownerToken(world, "files", "projects"),
                Need.Scope.ADMIN, ownerToken(world, "files", "projects", "tokens"));
    }

    private static Caller ownerToken(World world, String... scopes) throws Exception {
        String token = world.accounts.token("zeta-owner", null, scopes).get("token").asText();
        return Caller.bearer(CallerKind.TOKEN_LACKING_SCOPE, "owner token with only " + List.of(scopes), token,
                List.of(scopes));
    }

    private static List<String> secretsFor(World world, Caller caller) {
        List<String> secrets = new ArrayList<>();
        if (!caller.kind().seesProject()) {
            secrets.addAll(world.projectSecrets());
        }
        if (caller.kind() != CallerKind.ADMIN) {
            secrets.addAll(world.otherProjectSecrets());
        }
        return secrets;
    }

    private static Http.Answer send(Http http, Caller caller, Request request) throws Exception {
        HttpRequest.Builder b = http.request(request.pathAndQuery());
        caller.headers().forEach(b::header);
        if (request.contentType() != null) {
            b.header("Content-Type", request.contentType());
        }
        b.method(request.method(), request.body() == null ? BodyPublishers.noBody()
                : BodyPublishers.ofByteArray(request.body()));
        return http.send(b.build());
    }
}
