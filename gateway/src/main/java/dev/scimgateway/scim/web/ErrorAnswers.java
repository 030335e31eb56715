package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.ScimException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Told of every error answer just before {@link ScimErrorHandler} writes it, while its headers can
 * still change: the activity log keeps the refusals of SCIM requests this way. It must return at
 * once and never fail, since the client is waiting for the answer.
 */
@FunctionalInterface
public interface ErrorAnswers {

    ErrorAnswers NONE = (exchange, error, detail) -> {};

    /** @param detail the detail the client is given, which may say more than the error's own */
    void answering(ServerWebExchange exchange, ScimException error, String detail);
}
