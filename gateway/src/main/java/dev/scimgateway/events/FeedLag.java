package dev.scimgateway.events;

/** How far a stream is behind: the tenant's newest change minus the stream's position. */
public record FeedLag(String tenantId, String streamId, long lag) {}
