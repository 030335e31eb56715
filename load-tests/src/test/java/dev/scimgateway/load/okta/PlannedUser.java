package dev.scimgateway.load.okta;

/** One user of the generated tenant, as Okta would push it; {@code externalId} plays Okta's own user id. */
public record PlannedUser(int index, String userName, String givenName, String familyName, String externalId) {}
