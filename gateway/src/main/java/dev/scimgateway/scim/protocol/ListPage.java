package dev.scimgateway.scim.protocol;

import java.util.List;

/** One page of a list, and how many resources match in all. */
public record ListPage<T>(List<T> resources, long totalResults, int startIndex) {}
