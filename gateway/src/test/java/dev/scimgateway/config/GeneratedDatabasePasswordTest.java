package dev.scimgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimgateway.storage.Database;
import dev.scimgateway.support.EmbeddedDatabases;
import dev.scimgateway.support.OwnGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The gateway gives its embedded PostgreSQL a password of its own making, kept in a file that only
 * the gateway's user can read, and never logged: a local process that cannot read that file cannot
 * log in.
 */
@Tag("own-gateway")
@ExtendWith(OutputCaptureExtension.class)
class GeneratedDatabasePasswordTest {

    @Test
    void passwordIsGeneratedOwnerOnlyRequiredAndNeverLogged(CapturedOutput output) throws Exception {
        try (var gateway = OwnGateway.start("db-password")) {
            Path file = gateway.dataDir().resolve(Database.EMBEDDED_PASSWORD_FILE);
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String password = EmbeddedDatabases.password(gateway.dataDir());
            assertThat(password).hasSizeGreaterThanOrEqualTo(32);

            Database database = gateway.app().getBean(Database.class);
            assertThatThrownBy(() -> EmbeddedDatabases.connect(database, "postgres", null).close())
                    .as("a login without the password").isInstanceOf(SQLException.class);
            try (var connection = EmbeddedDatabases.connect(database, "postgres", password)) {
                assertThat(connection.isValid(5)).isTrue();
            }
            assertThat(output.getAll()).doesNotContain(password);
        }
    }
}
