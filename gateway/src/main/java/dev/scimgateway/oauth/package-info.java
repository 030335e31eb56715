/**
 * The gateway as an OAuth 2.0 authorization server for SCIM clients (RFC 6749, 7009, 7636, 8414,
 * 9068, 9700): registered clients, the authorization code grant with PKCE (its consent page is the
 * console's), refresh tokens rotated on use, client credentials, and short-lived ES256 access
 * tokens that the SCIM edge verifies from memory. A grant is a token row of its tenant, so it is
 * listed, tracked and revoked like every token.
 */
@NullMarked
package dev.scimgateway.oauth;

import org.jspecify.annotations.NullMarked;
