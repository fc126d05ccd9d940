package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.seqvault.api.RouteTable;

/** Every token route under /v2, however it is called, answers 401 in the Seven Bridges format without a token. */
@OnEveryBackend
class SbRouteAuthTest extends BackendSuite {
    static ServerFixture fx;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        fx = new ServerFixture(backend);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fx.close();
    }

    @Test
    void noV2RouteAnswersWithoutAToken() {
        List<RouteTable.Route> routes = fx.server.http().routes().stream()
                .filter(r -> r.guard() == RouteTable.Guard.TOKEN && r.path().startsWith("/v2/"))
                .toList();
        assertThat(routes).extracting(RouteTable.Route::path)
                .contains("/v2/files", "/v2/files/{id}/actions/copy", "/v2/bulk/files/edit",
                        "/v2/upload/multipart/{upload}/part", "/v2/rate_limit");
        SbHttp anonymous = new SbHttp(fx.http, null);
        for (RouteTable.Route route : routes) {
            String path = route.path().replaceAll("\\{[^}]+}", "ab12").substring("/v2".length());
            var r = anonymous.call(route.method().name(), path, route.method().name().equals("GET") ? null : "{}");
            assertThat(r.status()).as("%s %s", route.method(), route.path()).isEqualTo(401);
            assertThat(r.json().get("code").asInt()).as("%s %s", route.method(), route.path()).isEqualTo(90001);
        }
    }
}
