package dev.scimgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.ScimGatewayApplication;
import dev.scimgateway.support.TestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Without SCIM_GATEWAY_ADMIN_TOKEN the gateway makes its own admin token, in a file only its user
 * can read, and its log says where that file is, never what is in it.
 */
@Tag("own-gateway")
@ExtendWith(OutputCaptureExtension.class)
class GeneratedAdminTokenTest {

    @Test
    void generatedTokenIsOwnerOnlyAndLoggedByPlaceNotValue(CapturedOutput output) throws Exception {
        Path data = Path.of("target", "test-data", "admin-token-" + UUID.randomUUID());
        // Set empty rather than left out, so that an admin token in this machine's environment cannot apply.
        try (var app = new SpringApplicationBuilder(ScimGatewayApplication.class)
                .properties("server.port=0", "scim-gateway.data-dir=" + data, "scim-gateway.admin-token=")
                .run()) {
            Path file = data.resolve(AdminTokens.FILE_NAME).toAbsolutePath();
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String token = Files.readString(file).strip();
            assertThat(token).hasSizeGreaterThanOrEqualTo(32);

            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            TestClients.patient(port).get().uri("/admin/v1/tenants").header("Authorization", "Bearer " + token)
                    .exchange().expectStatus().isOk();
            assertThat(output.getAll()).contains("its bearer token is in " + file).doesNotContain(token);
        }
    }
}
