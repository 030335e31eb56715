package dev.scimgateway.console;

import dev.scimgateway.tenancy.AdminPrincipal;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A console session as Spring Security sees it: the operator or one tenant's admin. */
final class ConsoleAuthentication extends AbstractAuthenticationToken {

    static final String OPERATOR = "ROLE_OPERATOR";
    static final String TENANT_ADMIN = "ROLE_TENANT_ADMIN";

    private final AdminPrincipal principal;

    ConsoleAuthentication(AdminPrincipal principal) {
        super(List.of(new SimpleGrantedAuthority(principal.isOperator() ? OPERATOR : TENANT_ADMIN)));
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public AdminPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.name();
    }
}
