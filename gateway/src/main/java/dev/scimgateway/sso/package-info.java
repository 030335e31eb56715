/**
 * Console single sign-on through a tenant's own OpenID provider: the tenant's settings (its client
 * secret sealed at rest), the relying party (discovery, authorization code with PKCE, the token
 * request, ID token validation against the provider's keys) and who may sign in. Every call to a
 * provider goes through a reactive WebClient with bounded timeouts. The console shows the pages
 * and keeps the sessions; this package knows nothing of either.
 */
@NullMarked
package dev.scimgateway.sso;

import org.jspecify.annotations.NullMarked;
