package dev.scimgateway.load;

import static io.gatling.javaapi.http.HttpDsl.http;

import dev.scimgateway.load.target.GatewayTarget;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/** The HTTP protocol of a SCIM client: Okta-like (headers from the client wire notes), or a plain one. */
public final class ScimProtocol {

    private ScimProtocol() {}

    public static HttpProtocolBuilder okta(GatewayTarget target) {
        // Okta's "header auth" sends the bare token; both forms must be accepted.
        boolean bareToken = Parameters.flag("okta.bareToken", false);
        var protocol = client(target, "Okta SCIM Client 1.0.0", bareToken ? target.token() : "Bearer " + target.token());
        // Okta sends Connection: close (a TCP handshake per request); off by default because on a
        // small load machine the ephemeral ports, not the gateway, would become the limit.
        return Parameters.flag("okta.connectionClose", false) ? protocol.connectionHeader("close").shareConnections() : protocol;
    }

    /** A client that is not Okta (a migration or HR tool), with a Bearer token. */
    public static HttpProtocolBuilder client(GatewayTarget target, String userAgent) {
        return client(target, userAgent, "Bearer " + target.token());
    }

    private static HttpProtocolBuilder client(GatewayTarget target, String userAgent, String authorization) {
        return http.baseUrl(target.scimBaseUrl())
                .acceptHeader("application/scim+json")
                .contentTypeHeader("application/scim+json; charset=utf-8")
                .userAgentHeader(userAgent)
                .acceptEncodingHeader("gzip,deflate")
                .authorizationHeader(authorization);
    }
}
