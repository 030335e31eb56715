package dev.scimgateway.oauth;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * The HTTP side of the token and revocation endpoints: a WebFlux request as the request Nimbus
 * parses, the client's credentials taken out of it, and RFC 6749 §5.2 errors as JSON. Every answer
 * says {@code Cache-Control: no-store}, since the successful ones carry tokens.
 */
final class OAuthHttp {

    /** A form of a token request is a few hundred bytes; this bounds what is read before parsing. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final String REALM = "Basic realm=\"scim-gateway\"";

    private OAuthHttp() {}

    /**
     * Nimbus's {@code HTTPRequest} builds the JVM's default SSL context in its static initializer,
     * which reads the trust store from disk: a blocking read that must happen at start-up, here,
     * and never on the event loop that first parses a token request.
     */
    static void loadOnStartUp() {
        HTTPRequest.getDefaultSSLSocketFactory();
    }

    /** The request as Nimbus reads it: method, URI, headers that matter and the form body (at most {@link #MAX_BODY_BYTES}). */
    static Mono<HTTPRequest> read(ServerRequest request) {
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), MAX_BODY_BYTES)
                .map(buffer -> {
                    String text = buffer.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(buffer);
                    return text;
                })
                .defaultIfEmpty("")
                .onErrorMap(DataBufferLimitException.class, e -> OAuthRefusal.invalidRequest("The request body is larger"
                        + " than " + MAX_BODY_BYTES + " bytes"))
                .onErrorMap(ServerWebInputException.class, e -> OAuthRefusal.invalidRequest("The request body could not"
                        + " be read as a form"))
                .map(body -> {
                    HTTPRequest http = new HTTPRequest(HTTPRequest.Method.POST, URI.create("http://gateway.invalid"
                            + request.path()));
                    String contentType = request.headers().firstHeader(HttpHeaders.CONTENT_TYPE);
                    if (contentType != null) {
                        http.setHeader(HttpHeaders.CONTENT_TYPE, contentType);
                    }
                    String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
                    if (authorization != null) {
                        http.setAuthorization(authorization);
                    }
                    http.setBody(body);
                    return http;
                });
    }

    /** The client's credentials, as RFC 6749 §2.3.1 lets it send them; {@code invalid_client} when there are none. */
    static ClientAuthentication credentials(HTTPRequest http) {
        ClientAuthentication credentials;
        try {
            credentials = ClientAuthentication.parse(http);
        } catch (ParseException e) {
            throw OAuthRefusal.invalidClient("The client credentials could not be read: " + description(e));
        }
        if (credentials == null) {
            throw OAuthRefusal.invalidClient("Authenticate the client with its id and secret: client_secret_basic"
                    + " (Authorization: Basic) or client_secret_post (client_id and client_secret in the form)");
        }
        return credentials;
    }

    /** What Nimbus found wrong with a request, as an error of the RFC. */
    static OAuthRefusal refusal(ParseException e) {
        ErrorObject error = e.getErrorObject() != null && e.getErrorObject().getCode() != null ? e.getErrorObject()
                : OAuth2Error.INVALID_REQUEST;
        return new OAuthRefusal(error.setDescription(description(e)));
    }

    private static String description(ParseException e) {
        return e.getErrorObject() != null && e.getErrorObject().getDescription() != null
                ? e.getErrorObject().getDescription() : String.valueOf(e.getMessage());
    }

    static Mono<ServerResponse> json(HttpStatus status, Map<String, ?> body) {
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.PRAGMA, "no-cache")
                .bodyValue(body);
    }

    /** The error as RFC 6749 §5.2 writes it: 401 with a challenge for {@code invalid_client}, 400 for the rest. */
    static Mono<ServerResponse> error(OAuthRefusal refusal) {
        ErrorObject error = refusal.error();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error.getCode());
        @Nullable String description = error.getDescription();
        if (description != null) {
            body.put("error_description", description);
        }
        boolean client = OAuth2Error.INVALID_CLIENT.getCode().equals(error.getCode());
        return ServerResponse.status(client ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.PRAGMA, "no-cache")
                .headers(headers -> {
                    if (client) {
                        headers.set(HttpHeaders.WWW_AUTHENTICATE, REALM);
                    }
                })
                .bodyValue(body);
    }
}
