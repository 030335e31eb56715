package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.ScimException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Request heads that Netty's decoder accepts and the gateway refuses, because two parties could
 * read their framing differently (request smuggling) or because nothing here speaks them:
 * <ul>
 *   <li>an HTTP version other than 1.0 and 1.1 in a request line ({@code HTTP/1.2}, {@code HTTP/0.9},
 *       {@code HTTP/3.0}): 505. HTTP/2 never comes as a request line; it has a framing of its own,
 *       negotiated before any request, and {@code HTTP/2.0} in a request line is an HTTP/2 client
 *       speaking to a server that has not enabled HTTP/2 in clear text;</li>
 *   <li>a {@code Transfer-Encoding} other than exactly {@code chunked} ({@code gzip, chunked},
 *       {@code identity, chunked}): 400. The decoder would take {@code gzip, chunked} and hand on
 *       the compressed bytes as if they were the body.</li>
 * </ul>
 * The decoder itself refuses a Transfer-Encoding whose last coding is not chunked, chunked twice,
 * a Transfer-Encoding with a Content-Length, and one in an HTTP/1.0 request.
 */
final class RequestFraming {

    private RequestFraming() {}

    /** Why the gateway refuses this head, or null when it does not. */
    static @Nullable ScimException refusal(HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() != 1 || version.minorVersion() > 1) {
            return ScimException.httpVersionNotSupported("The request line says " + version.text()
                    + "; this gateway speaks HTTP/1.1 and HTTP/1.0 in request lines");
        }
        List<String> codings = transferCodings(request);
        if (codings.isEmpty()) {
            return null;
        }
        if (codings.size() != 1 || !codings.get(0).equalsIgnoreCase("chunked")) {
            return ScimException.badRequest("Transfer-Encoding '" + shortened(String.join(", ", codings))
                    + "' is not supported; send the body with a Content-Length or as 'Transfer-Encoding: chunked' alone");
        }
        return null;
    }

    private static List<String> transferCodings(HttpRequest request) {
        List<String> codings = new ArrayList<>();
        for (String header : request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING)) {
            for (String coding : header.split(",", -1)) {
                codings.add(coding.strip());
            }
        }
        return codings;
    }

    private static String shortened(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
