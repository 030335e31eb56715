package dev.scimgateway.scim.web;

/**
 * What every SCIM resource handler needs besides its service and the tenant's schemas: how to
 * read bodies, render resources and answer, and the list settings. One value, so the handlers
 * share one wiring instead of each repeating it.
 */
public record ScimEndpoints(JsonBodies bodies, ResourceRenderer renderer, ScimResponses responses,
        ScimQuery.Settings settings) {}
