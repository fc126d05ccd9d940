package org.seqvault.server.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs an API suite (a {@link BackendSuite}) once per {@link Backend}. The suite's static
 * {@code @BeforeParameterizedClassInvocation} method takes the backend and starts a
 * {@link ServerFixture} on it; {@code @AfterParameterizedClassInvocation} closes it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
@interface OnEveryBackend {
}
