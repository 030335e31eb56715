package dev.scimgateway.sso;

import dev.scimgateway.edge.BasePaths;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.util.UriUtils;

/**
 * Where a tenant's console sign-in starts and where its provider sends the browser back. The
 * callback is what an admin registers at the provider as the redirect URI, so it is spelt here,
 * once, for the console's routes and for the settings that show it.
 */
public final class SsoPaths {

    public static final String START = BasePaths.CONSOLE + "/sso/{tenantId}";
    public static final String CALLBACK = START + "/callback";

    private final @Nullable String publicBaseUrl;

    /** @param publicBaseUrl the externally visible origin; when null, the request's own */
    public SsoPaths(@Nullable String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null
                : publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    public static String start(String tenantId) {
        return BasePaths.CONSOLE + "/sso/" + UriUtils.encodePathSegment(tenantId, StandardCharsets.UTF_8);
    }

    /** The absolute redirect URI, e.g. {@code https://scim.example.com/console/sso/acme/callback}. */
    public String redirectUri(ServerRequest request, String tenantId) {
        return origin(request) + start(tenantId) + "/callback";
    }

    /** The absolute link an admin bookmarks to sign in through the tenant's provider. */
    public String signInUrl(ServerRequest request, String tenantId) {
        return origin(request) + start(tenantId);
    }

    private String origin(ServerRequest request) {
        if (publicBaseUrl != null) {
            return publicBaseUrl;
        }
        java.net.URI uri = request.uri();
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
