package dev.scimgateway.config;

import java.nio.file.Path;

/** Where the admin token comes from; the log may say where it is, never what it is. */
final class AdminTokens {

    static final String FILE_NAME = "admin-token";

    private AdminTokens() {}

    static String resolve(GatewayProperties properties) {
        String configured = properties.adminToken();
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return LocalSecrets.readOrCreate(file(properties), 32);
    }

    static Path file(GatewayProperties properties) {
        return properties.dataDir().resolve(FILE_NAME).toAbsolutePath();
    }

    static String whereToFind(GatewayProperties properties) {
        String configured = properties.adminToken();
        return configured != null && !configured.isBlank() ? "the SCIM_GATEWAY_ADMIN_TOKEN setting"
                : file(properties).toString();
    }
}
