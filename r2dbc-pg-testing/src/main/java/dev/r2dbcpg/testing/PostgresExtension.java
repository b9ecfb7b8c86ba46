package dev.r2dbcpg.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that provides the shared {@link PostgresServer} (see {@link PostgresFixture}).
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class MyIT {
 *     @Test
 *     void works(PostgresServer server) { ... server.r2dbcUrl() ... }
 * }
 * }</pre>
 *
 * <p>The server starts before the first test class that uses the extension and stops when the JVM exits,
 * whether the tests pass or fail.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        PostgresFixture.shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return PostgresFixture.shared();
    }
}
