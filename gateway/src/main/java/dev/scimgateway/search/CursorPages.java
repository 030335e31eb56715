package dev.scimgateway.search;

import dev.scimgateway.scim.protocol.list.ListPage;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * RFC 9865 pages of the root listing, in the order index pages without sortBy follow: users in
 * listing order, then groups. A page is a keyset read after the cursor's position in its part,
 * topped up from the start of the groups when the users run out, so no page reads the rows
 * before it. Unlike a per-type cursor, a root cursor does not carry the total: each page counts
 * both types again.
 */
final class CursorPages {

    private final RootParts parts;

    CursorPages(RootParts parts) {
        this.parts = parts;
    }

    Mono<RootSlice> page(RootQuery query) {
        int count = query.count();
        RootCursors.Position cursor = query.after();
        if (cursor != null && cursor.part() == Part.GROUPS) {
            // The users are behind: count them, read the groups after the cursor.
            return parts.page(query, Part.USERS, filter -> ListQuery.cursor(filter, 0, null))
                    .flatMap(users -> parts.page(query, Part.GROUPS, filter -> ListQuery.cursor(filter, count, cursor.after()))
                            .map(groups -> slice(query, users, groups)));
        }
        ListQuery.Position usersAfter = cursor == null ? null : cursor.after();
        return parts.page(query, Part.USERS, filter -> ListQuery.cursor(filter, count, usersAfter))
                .flatMap(users -> {
                    // Groups fill what the users left of the page; a count of 0 reads their total only.
                    int room = users.hasMore() ? 0 : count - users.resources().size();
                    return parts.page(query, Part.GROUPS, filter -> ListQuery.cursor(filter, room, null))
                            .map(groups -> slice(query, users, groups));
                });
    }

    private static RootSlice slice(RootQuery query, ListPage<Hit> users, ListPage<Hit> groups) {
        return RootSlice.concat(users, groups, next(query, users, groups));
    }

    private static @Nullable String next(RootQuery query, ListPage<Hit> users, ListPage<Hit> groups) {
        if (users.hasMore()) {
            return query.cursors().after(Part.USERS, last(users));
        }
        if (groups.hasMore()) {
            return query.cursors().after(Part.GROUPS, last(groups));
        }
        if (groups.resources().isEmpty() && !users.resources().isEmpty() && groups.totalResults() > 0) {
            // The users filled the page to the last one: the groups are still to come.
            return query.cursors().after(Part.USERS, last(users));
        }
        return null;
    }

    private static ResourceRecord last(ListPage<Hit> page) {
        return page.resources().get(page.resources().size() - 1).record();
    }
}
