-- Issue 16 item 3: console single sign-on through a tenant's own OpenID provider.

-- At most one provider per tenant. The client secret is a credential the gateway presents to the
-- provider's token endpoint, so it cannot be kept as a hash: it is sealed with AES-256-GCM under a
-- key derived from the token-signing key, bound to this tenant (crypto.SecretBox).
CREATE TABLE tenant_oidc (
    tenant_id       text        PRIMARY KEY REFERENCES tenant (id) ON DELETE CASCADE,
    issuer          text        NOT NULL,
    client_id       text        NOT NULL,
    client_secret   bytea       NOT NULL,
    display_name    text        NOT NULL,
    -- Who may sign in: an e-mail address at one of these domains or in this list, or one of these
    -- values in the ID token's claim groups_claim. Empty lists admit no one.
    allowed_domains text[]      NOT NULL,
    allowed_emails  text[]      NOT NULL,
    groups_claim    text        NOT NULL,
    allowed_groups  text[]      NOT NULL,
    updated_at      timestamptz NOT NULL
);

-- Who signed in to a session: the admin key's name, the operator, or the e-mail address (or the
-- subject) the tenant's provider vouched for. A session with a tenant and no admin key came through
-- single sign-on; it lasts while the tenant's single sign-on does.
ALTER TABLE console_session ADD COLUMN signed_in_as text;
