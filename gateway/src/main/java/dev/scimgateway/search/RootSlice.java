package dev.scimgateway.search;

import dev.scimgateway.scim.protocol.list.ListPage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of the root listing before rendering: its resources in order, the total, and the next cursor if any. */
record RootSlice(List<Hit> hits, long totalResults, @Nullable String nextCursor) {

    /** The users' part of a page, then the groups' part. */
    static RootSlice concat(ListPage<Hit> users, ListPage<Hit> groups, @Nullable String nextCursor) {
        List<Hit> hits = new ArrayList<>(users.resources());
        hits.addAll(groups.resources());
        return new RootSlice(hits, users.totalResults() + groups.totalResults(), nextCursor);
    }
}
