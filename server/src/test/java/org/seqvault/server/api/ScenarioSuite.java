package org.seqvault.server.api;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Base of the {@link OnEveryBackend} suites that need nothing but a server per backend and an
 * {@link ApiScenario} over it: the server starts before the suite's tests on each backend and stops
 * after them. Suites run one at a time, so the fields are the running suite's.
 */
abstract class ScenarioSuite extends BackendSuite {
    static ServerFixture fx;
    static ApiScenario sc;

    @BeforeParameterizedClassInvocation
    static void startServer(Backend backend) {
        fx = new ServerFixture(backend);
        sc = new ApiScenario(fx.http);
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        fx.close();
    }
}
