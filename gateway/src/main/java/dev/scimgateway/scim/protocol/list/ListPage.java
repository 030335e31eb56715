package dev.scimgateway.scim.protocol.list;

import java.util.List;

/**
 * One page of a list, how many resources match in all, and whether more follow (cursor paging
 * asks the store for one row more than it shows to know).
 */
public record ListPage<T>(List<T> resources, long totalResults, int startIndex, boolean hasMore) {}
