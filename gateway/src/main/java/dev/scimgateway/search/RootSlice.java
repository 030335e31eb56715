package dev.scimgateway.search;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of the root listing before rendering: its resources in order, the total, and the next cursor if any. */
record RootSlice(List<Hit> hits, long totalResults, @Nullable String nextCursor) {}
