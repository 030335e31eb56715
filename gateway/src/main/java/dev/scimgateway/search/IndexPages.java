package dev.scimgateway.search;

import dev.scimgateway.scim.protocol.list.ListQuery;
import reactor.core.publisher.Mono;

/**
 * Index pages without {@code sortBy}: the users in listing order, then the groups. The page is an
 * offset into the users and, past their end, an offset into the groups, so no row before the
 * page is read back.
 */
final class IndexPages {

    private final RootParts parts;

    IndexPages(RootParts parts) {
        this.parts = parts;
    }

    Mono<RootSlice> page(RootQuery query) {
        int startIndex = query.startIndex();
        int count = query.count();
        return parts.page(query, Part.USERS, filter -> ListQuery.index(filter, null, startIndex, count))
                .flatMap(users -> {
                    int groupStart = (int) Math.max(1, startIndex - users.totalResults());
                    int groupCount = count - users.resources().size();
                    return parts.page(query, Part.GROUPS, filter -> ListQuery.index(filter, null, groupStart, groupCount))
                            .map(groups -> RootSlice.concat(users, groups, null));
                });
    }
}
