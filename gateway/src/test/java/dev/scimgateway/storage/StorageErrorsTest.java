package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.ScimType;
import io.r2dbc.spi.R2dbcNonTransientException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class StorageErrorsTest {

    /** What r2dbc-postgresql raises for a SQLSTATE it has no category for. */
    private static Throwable postgres(String message, String sqlState) {
        return new R2dbcNonTransientException(message, sqlState) {};
    }

    @Test
    void anIndexRowOverPostgresqlsLimitIsTheClientsValue() {
        Throwable translated = StorageErrors.translate(postgres(
                "index row size 3016 exceeds btree version 4 maximum 2704 for index \"scim_user_user_name\"", "54000"));

        assertThat(translated).isInstanceOfSatisfying(ScimException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.scimType()).isEqualTo(ScimType.INVALID_VALUE);
            assertThat(e.detail()).contains("at most 512 characters");
        });
    }

    @Test
    void aNulCharacterIsTheClientsValueNotAStoredTypeMismatch() {
        for (Throwable failure : new Throwable[] {
                postgres("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"),
                postgres("unsupported Unicode escape sequence", "22P05")}) {
            assertThat(StorageErrors.translate(failure)).isInstanceOfSatisfying(ScimException.class, e -> {
                assertThat(e.scimType()).isEqualTo(ScimType.INVALID_VALUE);
                assertThat(e.detail()).contains("NUL");
            });
        }
    }

    /**
     * A frozen database as the gateway meets it: the pool hands out no connection within its
     * acquire timeout, and Spring wraps the pool's timeout; or a connection in use breaks.
     */
    @Test
    void aConnectionThatCannotBeHadOrBreaksIsUnavailableWhereverSpringWrapsIt() {
        for (Throwable failure : new Throwable[] {
                new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
                        new R2dbcTimeoutException("Connection acquisition timed out after 5000ms")),
                new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
                        new IllegalStateException(new R2dbcNonTransientResourceException("Connection refused"))),
                new R2dbcTimeoutException("Statement cancelled due to timeout")}) {
            assertThat(StorageErrors.translate(failure)).as("%s", failure).isInstanceOfSatisfying(ScimException.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.retryAfterSeconds()).isPositive();
            });
        }
    }
}
