package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.ScimException;
import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Answers a request whose target is not a valid URI ({@code ?filter=%ZZ}, an unencoded space or
 * quote) with a SCIM 400. Spring's Reactor Netty adapter makes a {@link URI} of every request
 * before WebFlux sees it and, when it cannot, answers 400 with an empty body; so this route is
 * asked first, with the URI built the way the adapter builds it.
 */
public final class InvalidUriRoute implements NettyRouteProvider {

    private static final Logger log = LoggerFactory.getLogger(InvalidUriRoute.class);
    /** Besides letters and digits: unreserved, sub-delimiter and path/query punctuation (RFC 3986). */
    private static final String LEGAL = "-._~!$&'()*+,;=:@/?";

    private final ScimErrorHandler errors;

    public InvalidUriRoute(ScimErrorHandler errors) {
        this.errors = errors;
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(request -> invalidity(request.uri()) != null, this::refuse);
    }

    private Publisher<Void> refuse(HttpServerRequest request, HttpServerResponse response) {
        URISyntaxException invalid = invalidity(request.uri());
        ScimException error = ScimException.badRequest("The request URI is not valid ("
                + (invalid == null ? "unknown reason" : where(invalid)) + "); percent-encode spaces, quotes, '%' and"
                + " other characters outside the URI syntax in the path and query, e.g. a space as %20, '%' as %25");
        log.debug("{} {} -> 400: {}", request.method(), request.uri(), error.detail());
        byte[] body = errors.bytes(error);
        return response.status(400)
                .header(HttpHeaders.CONTENT_TYPE, ScimMediaTypes.SCIM_JSON.toString())
                .header(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length))
                .sendByteArray(Mono.just(body));
    }

    /** Why the adapter could not make a URI of this request target; null when it can. */
    static @Nullable URISyntaxException invalidity(String target) {
        if (plainlyValid(target)) {
            return null;
        }
        try {
            new URI("http://localhost" + pathAndQuery(target));
            return null;
        } catch (URISyntaxException e) {
            return e;
        }
    }

    /**
     * Every request passes here, so the usual target is let through without building a URI: a
     * path of characters that are legal anywhere in a URI's path and query, and percent-escapes
     * of two hex digits. Anything else is left to {@link URI}, which has the last word.
     */
    private static boolean plainlyValid(String target) {
        if (target.isEmpty() || target.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (i + 2 >= target.length() || Character.digit(target.charAt(i + 1), 16) < 0
                        || Character.digit(target.charAt(i + 2), 16) < 0) {
                    return false;
                }
                i += 2;
            } else if (!(c < 128 && (Character.isLetterOrDigit(c) || LEGAL.indexOf(c) >= 0))) {
                return false;
            }
        }
        return true;
    }

    /** An absolute-form target ({@code http://host/path}) is reduced to its path, as the adapter does. */
    private static String pathAndQuery(String target) {
        int scheme = target.indexOf("://");
        if (scheme < 0 || firstOf(target, "/?#") < scheme) {
            return target;
        }
        int path = firstOf(target.substring(scheme + 3), "/?#");
        return path < 0 ? "" : target.substring(scheme + 3 + path);
    }

    private static int firstOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String where(URISyntaxException invalid) {
        String input = invalid.getInput();
        int at = invalid.getIndex();
        return at < 0 || at >= input.length() ? invalid.getReason()
                : invalid.getReason() + " at '" + input.substring(at, Math.min(input.length(), at + 12)) + "'";
    }
}
