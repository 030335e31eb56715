package dev.scimgateway.load.target;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The few admin API calls a load run needs: wait for the gateway, then a tenant and its token. */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String adminUrl;
    private final String adminToken;

    public AdminClient(String adminUrl, String adminToken) {
        this.adminUrl = adminUrl;
        this.adminToken = adminToken;
    }

    /** The SCIM base URL of the same gateway: admin and SCIM APIs share the origin. */
    public String scimBaseUrl() {
        return adminUrl.replaceFirst("/admin/v1$", "") + "/scim/v2";
    }

    /** Polls the admin API, since a gateway that was just launched needs its database before it answers. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                if (send(get("/tenants")).statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // connection refused while the gateway is still starting
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The gateway at " + adminUrl + " did not answer within " + timeout);
            }
            sleep(Duration.ofMillis(500));
        }
    }

    /** Creates the tenant and a token for it; returns the token (shown only once by the gateway). */
    public String createTenantWithToken(String tenantId) {
        expect(201, post("/tenants", Map.of("id", tenantId, "displayName", "Load test " + tenantId)));
        var answer = expect(201, post("/tenants/" + tenantId + "/tokens", Map.of("name", "load-test")));
        try {
            return JSON.readTree(answer.body()).get("token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable token answer", e);
        }
    }

    /** Gives the tenant its own rate limits, the same for reads and writes. */
    public void setLimits(String tenantId, double perSecond, double burst) {
        String limit = "{\"perSecond\":" + perSecond + ",\"burst\":" + burst + "}";
        expect(200, base("/tenants/" + tenantId + "/limits").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"read\":" + limit + ",\"write\":" + limit + "}")).build());
    }

    private HttpResponse<String> expect(int status, HttpRequest request) {
        var response = send(request);
        if (response.statusCode() != status) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private HttpRequest get(String path) {
        return base(path).GET().build();
    }

    private HttpRequest post(String path, Map<String, String> body) {
        try {
            return base(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder base(String path) {
        return HttpRequest.newBuilder(URI.create(adminUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
