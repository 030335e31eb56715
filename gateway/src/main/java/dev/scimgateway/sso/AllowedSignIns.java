package dev.scimgateway.sso;

import java.util.List;
import java.util.Locale;

/**
 * Who of the provider's users may sign in to the tenant's console: anyone with an e-mail address
 * in one of {@code domains}, or listed in {@code emails}, or with one of {@code groups} among the
 * values of the claim {@code groupsClaim}. An empty set admits no one (fail closed): a provider
 * often serves a whole company, and signing in there must not make everyone a tenant admin.
 *
 * @param domains lower case, without "@"
 * @param emails lower case
 * @param groups compared exactly, as the provider spells them
 */
public record AllowedSignIns(List<String> domains, List<String> emails, String groupsClaim, List<String> groups) {

    public static final String DEFAULT_GROUPS_CLAIM = "groups";

    public AllowedSignIns {
        domains = List.copyOf(domains);
        emails = List.copyOf(emails);
        groups = List.copyOf(groups);
    }

    public boolean isEmpty() {
        return domains.isEmpty() && emails.isEmpty() && groups.isEmpty();
    }

    public boolean admits(SignedInUser user) {
        String email = user.email();
        // An address the provider says it has not verified proves nothing: at many providers users type
        // their own, and anyone could claim one at the tenant's domain. A provider that does not say
        // (Entra ID) is trusted for the addresses it manages itself.
        boolean trusted = email != null && !Boolean.FALSE.equals(user.emailVerified());
        return trusted && emailAdmitted(email.toLowerCase(Locale.ROOT))
                || user.groups().stream().anyMatch(groups::contains);
    }

    private boolean emailAdmitted(String email) {
        int at = email.lastIndexOf('@');
        return emails.contains(email) || at > 0 && domains.contains(email.substring(at + 1));
    }
}
