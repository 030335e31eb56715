package dev.scimgateway.load.target;

import dev.scimgateway.load.Parameters;
import java.time.Duration;

/**
 * The SCIM endpoint a simulation drives and the tenant token it presents.
 *
 * <p>Either given outright ({@code gateway.baseUrl} and {@code gateway.token}, e.g. a staging
 * gateway), or made here: with {@code gateway.adminUrl} and {@code gateway.adminToken} a fresh
 * tenant and token are created, so that every run starts from an empty tenant.
 */
public record GatewayTarget(String scimBaseUrl, String token, String tenantId) {

    public static GatewayTarget fromSystemProperties(String tenantPrefix) {
        String baseUrl = Parameters.text("gateway.baseUrl", "");
        String token = Parameters.text("gateway.token", "");
        if (!baseUrl.isEmpty() && !token.isEmpty()) {
            return new GatewayTarget(stripTrailingSlash(baseUrl), token, "(given)");
        }
        String adminUrl = Parameters.text("gateway.adminUrl", "");
        String adminToken = Parameters.text("gateway.adminToken", "");
        if (adminUrl.isEmpty() || adminToken.isEmpty()) {
            throw new IllegalArgumentException("Say where the gateway is: -Dgateway.baseUrl=http://host:8080/scim/v2"
                    + " -Dgateway.token=<tenant token>, or -Dgateway.adminUrl=http://host:8080/admin/v1"
                    + " -Dgateway.adminToken=<admin token> to have a fresh tenant created");
        }
        var admin = new AdminClient(stripTrailingSlash(adminUrl), adminToken);
        admin.awaitReady(Duration.ofSeconds(Parameters.integer("gateway.waitForStartSeconds", 180, 10)));
        String tenantId = tenantPrefix + "-" + Long.toString(System.currentTimeMillis(), 36);
        String minted = admin.createTenantWithToken(tenantId);
        var target = new GatewayTarget(admin.scimBaseUrl(), minted, tenantId);
        Warmup.run(target, Parameters.integer("gateway.warmupRequests", 400, 0));
        return target;
    }

    static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
