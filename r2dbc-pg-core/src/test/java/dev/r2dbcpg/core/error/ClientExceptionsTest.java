package dev.r2dbcpg.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import org.junit.jupiter.api.Test;

class ClientExceptionsTest {

    @Test
    void unexpectedMessageNamesTypeByteAndState() {
        PgProtocolException e = PgProtocolException.unexpectedMessage((byte) 'D', "ExtendedQuery in state PARSING");

        assertThat(e).isInstanceOf(R2dbcNonTransientResourceException.class);
        assertThat(e.getMessage()).isEqualTo("Unexpected backend message 'D' (0x44) in ExtendedQuery in state PARSING");
    }

    @Test
    void unexpectedNonPrintableMessageTypeIsShownInHexOnly() {
        PgProtocolException e = PgProtocolException.unexpectedMessage((byte) 0xC8, "Startup in state AUTHENTICATING");

        assertThat(e.getMessage()).isEqualTo("Unexpected backend message (0xC8) in Startup in state AUTHENTICATING");
    }

    @Test
    void clientSideExceptionsBelongToTheirFamiliesAndCarryNoServerFields() {
        assertThat(new PgAuthenticationException("no password")).isInstanceOf(R2dbcPermissionDeniedException.class)
                .isNotInstanceOf(PgServerError.class);
        assertThat(new PgConnectionClosedException("closed")).isInstanceOf(R2dbcNonTransientResourceException.class)
                .isNotInstanceOf(PgServerError.class);
        assertThat(new PgAuthenticationException("no password").getSqlState()).isNull();
    }
}
