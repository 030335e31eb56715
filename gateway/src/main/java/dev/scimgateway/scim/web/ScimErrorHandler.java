package dev.scimgateway.scim.web;

import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.observability.LogFields;
import dev.scimgateway.observability.ThrottledWarning;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.ScimType;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place where an error becomes an HTTP response: a SCIM Error body (RFC 7644 §3.12) with
 * the status as a string, never a stack trace. 4xx are the client's to fix and are logged at
 * debug; anything else is ours and is logged at warn or error.
 */
@Order(-2)
public final class ScimErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ScimErrorHandler.class);
    private static final ThrottledWarning serverErrors = new ThrottledWarning(log, Duration.ofSeconds(10));
    public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    private final JsonMapper json;
    private final ErrorAnswers answers;

    public ScimErrorHandler(JsonMapper json) {
        this(json, ErrorAnswers.NONE);
    }

    public ScimErrorHandler(JsonMapper json, ErrorAnswers answers) {
        this.json = json;
        this.answers = answers;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        var request = exchange.getRequest();
        if (DisconnectedClientHelper.isClientDisconnectedException(failure)) {
            // Hang-ups mid-request are routine (an IdP's timeout, a deploy of the proxy): nobody is left to answer.
            return LogFields.logged(() -> log.debug("{} {}: the client went away before it had its answer ({})",
                    request.getMethod(), request.getPath(), failure.toString()));
        }
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        if (answeredBelowWebFlux(exchange)) {
            // Reactor Netty has answered already, e.g. 400 to a malformed chunk, and logged why.
            return LogFields.logged(() -> log.debug("{} {}: answered before WebFlux could ({})", request.getMethod(),
                    request.getPath(), failure.toString()));
        }
        ScimException error = translate(failure);
        String detail = detail(exchange, error);
        var response = exchange.getResponse();
        discardPreparedAnswer(response.getHeaders());
        response.setStatusCode(HttpStatus.valueOf(error.status()));
        response.getHeaders().setContentType(ScimMediaTypes.responseType(exchange.getRequest().getHeaders()));
        if (error.retryAfterSeconds() > 0) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(error.retryAfterSeconds()));
        }
        if (error.status() == 401) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scim\"");
        }
        if (failure instanceof ResponseStatusException status) {
            // What the status needs said alongside it, such as the Allow header of a 405.
            response.getHeaders().addAll(status.getHeaders());
        }
        answers.answering(exchange, error, detail);
        return LogFields.logged(() -> logOutcome(exchange, error, detail, failure))
                .then(response.writeWith(Mono.just(response.bufferFactory().wrap(json.writeValueAsBytes(body(error, detail))))));
    }

    /**
     * A server error on a write may come after its change committed: the database froze or the
     * connection broke while the commit was on its way. Unless the write was refused before it
     * ran, the gateway cannot know, and says how to retry without applying the change twice.
     * SCIM writes take an Idempotency-Key; admin writes do not, so their client is told to look first.
     */
    private static String detail(ServerWebExchange exchange, ScimException error) {
        RequestContext context = RequestContext.find(exchange);
        // A request the edge never classified (refused as it entered, or not for the API) is told nothing it cannot use.
        if (error.status() < 500 || error.refused() || context == null || context.isRead()) {
            return error.detail();
        }
        return error.detail() + (context.endpoint().isScim()
                ? ". The outcome is unknown: the request may or may not have been applied, so retry it with the same"
                        + " Idempotency-Key"
                : ". The outcome is unknown: the request may or may not have been applied, so check before retrying it");
    }

    /**
     * An error can end a request whose handler had already prepared its answer, such as a 201 whose
     * Idempotency-Key record could not be stored: that answer's Content-Length, Location and ETag
     * would describe a body that is not sent, and a Content-Length longer than the error's body
     * leaves the client waiting for the rest.
     */
    private static void discardPreparedAnswer(HttpHeaders headers) {
        headers.clearContentHeaders();
        headers.remove(HttpHeaders.ETAG);
        headers.remove(HttpHeaders.LOCATION);
        headers.remove(HttpHeaders.LAST_MODIFIED);
    }

    private static boolean answeredBelowWebFlux(ServerWebExchange exchange) {
        Object nativeResponse;
        try {
            nativeResponse = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
        } catch (IllegalArgumentException | IllegalStateException noServerBelow) {
            return false;
        }
        return nativeResponse instanceof HttpServerResponse netty && netty.hasSentHeaders();
    }

    /** The error's body as sent, for answers written below WebFlux (see {@link InvalidUriRoute}). */
    public byte[] bytes(ScimException error) {
        return json.writeValueAsBytes(body(error));
    }

    public ObjectNode body(ScimException error) {
        return body(error, error.detail());
    }

    private ObjectNode body(ScimException error, String detail) {
        ObjectNode body = json.createObjectNode();
        body.putArray("schemas").add(ERROR_SCHEMA);
        body.put("status", Integer.toString(error.status()));
        ScimType type = error.scimType();
        if (type != null) {
            body.put("scimType", type.wireName());
        }
        body.put("detail", detail);
        return body;
    }

    /** Maps anything that escaped a handler to the SCIM error it means. */
    public static ScimException translate(Throwable failure) {
        if (failure instanceof ScimException scim) {
            return scim;
        }
        if (failure instanceof DataBufferLimitException) {
            return ScimException.payloadTooLarge("The request body is larger than this gateway accepts");
        }
        if (failure instanceof InvalidMediaTypeException media) {
            // Headers are parsed leniently on purpose (ScimMediaTypes); this catches a parse elsewhere.
            return ScimException.badRequest("'" + media.getMediaType() + "' in the Content-Type or Accept header is"
                    + " not a valid media type");
        }
        if (failure instanceof MethodNotAllowedException notAllowed) {
            return ScimException.methodNotAllowed(notAllowed.getHttpMethod() + " is not supported here; this endpoint"
                    + " supports " + notAllowed.getSupportedMethods().stream().map(HttpMethod::name).sorted()
                            .collect(Collectors.joining(", ")));
        }
        if (failure instanceof ResponseStatusException status) {
            return fromStatus(status);
        }
        if (failure instanceof TimeoutException) {
            return ScimException.unavailable("The gateway is overloaded; retry later");
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(failure)) {
            // Not a server error: the overload breaker and the error-ratio alert must not count it.
            return ScimException.clientClosedRequest("The client closed the connection before it had its answer");
        }
        return ScimException.internal("Internal error; retry later");
    }

    private static ScimException fromStatus(ResponseStatusException e) {
        int code = e.getStatusCode().value();
        String reason = e.getReason() != null ? e.getReason() : HttpStatus.valueOf(code).getReasonPhrase();
        return switch (code) {
            case 404 -> ScimException.notFound("No SCIM endpoint at this path; the base URL ends in /scim/v2");
            case 405 -> ScimException.methodNotAllowed("This method is not supported on this endpoint: " + reason);
            case 406 -> ScimException.notAcceptable("Responses are application/scim+json or application/json");
            case 413 -> ScimException.payloadTooLarge("The request body is larger than this gateway accepts");
            case 422 -> ScimException.unprocessable(reason);
            case 415 -> ScimException.unsupportedMediaType(
                    "Send the body as application/scim+json or application/json");
            default -> code >= 500 ? ScimException.internal("Internal error; retry later")
                    : ScimException.badRequest(reason);
        };
    }

    private static void logOutcome(ServerWebExchange exchange, ScimException error, String detail, Throwable failure) {
        var request = exchange.getRequest();
        if (error.status() < 500) {
            log.debug("{} {} -> {}: {}", request.getMethod(), request.getPath(), error.status(), detail);
        } else if (failure instanceof ScimException) {
            serverErrors.warn(() -> request.getMethod() + " " + request.getPath() + " -> " + error.status() + ": "
                    + detail);
        } else {
            log.error("{} {} failed", request.getMethod(), request.getPath(), failure);
        }
    }
}
