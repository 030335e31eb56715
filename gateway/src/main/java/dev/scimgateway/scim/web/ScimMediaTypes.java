package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.ScimException;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Flux;

/** SCIM speaks {@code application/scim+json}; clients and test tools also send plain JSON. */
public final class ScimMediaTypes {

    public static final MediaType SCIM_JSON = MediaType.parseMediaType("application/scim+json");

    private ScimMediaTypes() {}

    public static boolean isAccepted(MediaType contentType) {
        return SCIM_JSON.equalsTypeAndSubtype(contentType) || MediaType.APPLICATION_JSON.equalsTypeAndSubtype(contentType);
    }

    /** The request's JSON body, or 415 when the client declared a type other than SCIM or plain JSON. */
    public static Flux<DataBuffer> jsonBody(ServerRequest request) {
        MediaType contentType = request.headers().contentType().orElse(null);
        if (contentType != null && !isAccepted(contentType)) {
            return Flux.error(ScimException.unsupportedMediaType("Content-Type " + contentType
                    + " is not supported; send application/scim+json or application/json"));
        }
        return request.bodyToFlux(DataBuffer.class);
    }

    /** An NDJSON bulk stream: unbounded, so never buffered whole nor timed as one request. */
    public static boolean isStream(org.springframework.http.HttpHeaders headers) {
        MediaType type = headers.getContentType();
        return type != null && MediaType.APPLICATION_NDJSON.isCompatibleWith(type);
    }

    /**
     * SCIM JSON unless the client asked for plain JSON and not for SCIM JSON: Entra ID requires
     * {@code application/scim+json}, some tools only understand {@code application/json}.
     */
    public static MediaType responseType(List<MediaType> accept) {
        boolean wantsScim = accept.stream().anyMatch(a -> a.isCompatibleWith(SCIM_JSON) && !a.isWildcardSubtype());
        boolean wantsJson = accept.stream().anyMatch(a -> a.equalsTypeAndSubtype(MediaType.APPLICATION_JSON));
        return wantsJson && !wantsScim ? MediaType.APPLICATION_JSON : SCIM_JSON;
    }
}
