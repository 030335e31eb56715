package dev.scimgateway.load;

import static io.gatling.javaapi.http.HttpDsl.http;

import dev.scimgateway.load.target.GatewayTarget;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/** The HTTP protocol of an Okta-like SCIM client (headers from the client wire notes). */
public final class ScimProtocol {

    private ScimProtocol() {}

    public static HttpProtocolBuilder okta(GatewayTarget target) {
        // Okta's "header auth" sends the bare token; both forms must be accepted.
        boolean bareToken = Parameters.flag("okta.bareToken", false);
        var protocol = http.baseUrl(target.scimBaseUrl())
                .acceptHeader("application/scim+json")
                .contentTypeHeader("application/scim+json; charset=utf-8")
                .userAgentHeader("Okta SCIM Client 1.0.0")
                .acceptEncodingHeader("gzip,deflate")
                .authorizationHeader(bareToken ? target.token() : "Bearer " + target.token());
        // Okta sends Connection: close (a TCP handshake per request); off by default because on a
        // small load machine the ephemeral ports, not the gateway, would become the limit.
        return Parameters.flag("okta.connectionClose", false) ? protocol.connectionHeader("close").shareConnections() : protocol;
    }
}
