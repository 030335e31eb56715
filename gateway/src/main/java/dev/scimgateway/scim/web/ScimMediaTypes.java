package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.ScimException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Flux;

/**
 * SCIM speaks {@code application/scim+json}; clients and test tools also send plain JSON. Clients
 * also send media type headers that do not parse; those are read here, never by Spring's getters,
 * which throw: a bad Content-Type matters only to a request with a body (415), a bad Accept is
 * refused up front ({@link AcceptHeaderFilter}), and an error response is still rendered.
 */
public final class ScimMediaTypes {

    public static final MediaType SCIM_JSON = MediaType.parseMediaType("application/scim+json");
    private static final String SEND_JSON = "send the body as application/scim+json or application/json";

    private ScimMediaTypes() {}

    public static boolean isAccepted(MediaType contentType) {
        return SCIM_JSON.equalsTypeAndSubtype(contentType) || MediaType.APPLICATION_JSON.equalsTypeAndSubtype(contentType);
    }

    /** The request's JSON body, or 415 when the client declared a type other than SCIM or plain JSON. */
    public static Flux<DataBuffer> jsonBody(ServerRequest request) {
        String declared = request.headers().firstHeader(HttpHeaders.CONTENT_TYPE);
        if (declared == null || declared.isEmpty()) {
            return request.bodyToFlux(DataBuffer.class);
        }
        MediaType contentType = parsedOrNull(declared);
        if (contentType == null) {
            return Flux.error(ScimException.unsupportedMediaType("Content-Type '" + declared
                    + "' is not a valid media type (check its syntax and charset); " + SEND_JSON));
        }
        if (!isAccepted(contentType)) {
            return Flux.error(ScimException.unsupportedMediaType("Content-Type " + contentType + " is not supported; "
                    + SEND_JSON));
        }
        return request.bodyToFlux(DataBuffer.class);
    }

    /** The Accept header's media types, or null when it does not parse; no header is an empty list. */
    public static @Nullable List<MediaType> acceptOrNull(HttpHeaders headers) {
        try {
            return headers.getAccept();
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    /** As {@link #responseType(List)}; an Accept header that does not parse gets SCIM JSON, so errors still render. */
    public static MediaType responseType(HttpHeaders requestHeaders) {
        List<MediaType> accept = acceptOrNull(requestHeaders);
        return accept == null ? SCIM_JSON : responseType(accept);
    }

    /**
     * SCIM JSON unless the client asked for plain JSON and not for SCIM JSON: Entra ID requires
     * {@code application/scim+json}, some tools only understand {@code application/json}.
     */
    private static MediaType responseType(List<MediaType> accept) {
        boolean wantsScim = accept.stream().anyMatch(a -> a.isCompatibleWith(SCIM_JSON) && !a.isWildcardSubtype());
        boolean wantsJson = accept.stream().anyMatch(a -> a.equalsTypeAndSubtype(MediaType.APPLICATION_JSON));
        return wantsJson && !wantsScim ? MediaType.APPLICATION_JSON : SCIM_JSON;
    }

    private static @Nullable MediaType parsedOrNull(String value) {
        try {
            return MediaType.parseMediaType(value);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }
}
