package dev.scimgateway.tenancy;

import dev.scimgateway.edge.TenantPrincipal;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * One kind of bearer credential a tenant's client may present: the gateway's named tokens, or the
 * access tokens of its OAuth authorization server. The SCIM edge asks each kind in turn; every one
 * of them decides from memory in the steady state, so the hot path never waits on the database.
 */
@FunctionalInterface
public interface BearerAuthenticator {

    /**
     * The principal the token proves; empty when the token is not of this kind or not known here;
     * a 401 or 403 signal when it is of this kind but refused (expired, revoked scopes). A token
     * refused for expiry or scope still proves its caller, who is handed to {@code refused} first.
     */
    Mono<TenantPrincipal> authenticate(String token, TokenScopes.Use use, Consumer<TenantPrincipal> refused);
}
