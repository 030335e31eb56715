package dev.scimgateway.scim.protocol;

import org.jspecify.annotations.Nullable;

/** A resource read in {@code sortBy} order, with the value it was sorted by (null: it has none). */
public record SortedRecord(ResourceRecord record, @Nullable SortValue sortValue) {}
