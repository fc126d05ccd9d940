package org.seqvault.server.api;

import org.junit.jupiter.params.Parameter;

/**
 * Base of the API suites marked {@link OnEveryBackend}: declares the backend as the suite's
 * one parameter, which JUnit then also hands to the suite's static
 * {@code @BeforeParameterizedClassInvocation} method.
 */
abstract class BackendSuite {
    /** The backend of the current run. */
    @Parameter
    Backend backend;
}
