package dev.scimgateway.oauth;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;

/**
 * An OAuth error as RFC 6749 §5.2 names it, travelling as a signal to the endpoint that answers it.
 * Its description is for the client's developer and never carries a secret the client sent.
 */
final class OAuthRefusal extends RuntimeException {

    private final transient ErrorObject error;

    OAuthRefusal(ErrorObject error) {
        super(error.getCode() + ": " + error.getDescription(), null, false, false);
        this.error = error;
    }

    ErrorObject error() {
        return error;
    }

    static OAuthRefusal invalidRequest(String description) {
        return new OAuthRefusal(OAuth2Error.INVALID_REQUEST.setDescription(description));
    }

    static OAuthRefusal invalidClient(String description) {
        return new OAuthRefusal(OAuth2Error.INVALID_CLIENT.setDescription(description));
    }

    static OAuthRefusal invalidGrant(String description) {
        return new OAuthRefusal(OAuth2Error.INVALID_GRANT.setDescription(description));
    }

    static OAuthRefusal unauthorizedClient(String description) {
        return new OAuthRefusal(OAuth2Error.UNAUTHORIZED_CLIENT.setDescription(description));
    }

    static OAuthRefusal invalidScope(String description) {
        return new OAuthRefusal(OAuth2Error.INVALID_SCOPE.setDescription(description));
    }
}
