package dev.scimgateway.sso;

/**
 * A sign-in that did not end in a session, with the status and the sentence the person in front of
 * the browser gets. The sentence never carries a token, a code or a secret; it carries no stack
 * trace either, since nothing went wrong in the gateway.
 */
public final class SsoRefusal extends RuntimeException {

    private final int status;

    private SsoRefusal(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    /** 404: the tenant has no OpenID provider (or does not exist: the page does not tell them apart). */
    static SsoRefusal notConfigured(String tenantId) {
        return new SsoRefusal(404, "Single sign-on is not set up for tenant '" + tenantId + "'. Sign in with an admin key,"
                + " or ask your operator.");
    }

    /** 403: the provider vouched for the user, but the tenant does not admit them. */
    static SsoRefusal notAllowed(String who, String provider, String tenantId) {
        return new SsoRefusal(403, who + " signed in at " + provider + ", but is not among the people who may administer"
                + " tenant '" + tenantId + "' here. Ask one of its admins to allow your address, your domain or one of"
                + " your groups.");
    }

    /** 401: the answer that came back cannot be trusted (state, nonce, signature, audience...). */
    static SsoRefusal notVerified(String why) {
        return new SsoRefusal(401, "The sign-in could not be completed: " + why + ". Start again from the sign-in page.");
    }

    /** 502: the provider could not be reached or answered with something that is not OpenID Connect. */
    static SsoRefusal providerFailed(String provider, String why) {
        return new SsoRefusal(502, provider + " could not complete the sign-in: " + why + ". Try again in a moment; if it"
                + " keeps failing, the tenant's single sign-on settings may be wrong.");
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }
}
