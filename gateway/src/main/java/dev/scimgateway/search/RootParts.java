package dev.scimgateway.search;

import dev.scimgateway.groups.GroupService;
import dev.scimgateway.groups.GroupView;
import dev.scimgateway.scim.protocol.list.ListPage;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.SortedRecord;
import dev.scimgateway.scim.protocol.filter.Filter;
import dev.scimgateway.scim.web.ScimQuery;
import dev.scimgateway.users.UserService;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads one part of the root listing through its type's service, as {@link Hit}s. A part the
 * filter does not apply to reads as empty. Groups are read without members; those are loaded
 * for the page only, when it is rendered.
 */
final class RootParts {

    private static final ListPage<Hit> NONE = new ListPage<>(List.of(), 0, 1, false);

    private final UserService users;
    private final GroupService groups;

    RootParts(UserService users, GroupService groups) {
        this.users = users;
        this.groups = groups;
    }

    /** One page of a part; {@code page} turns the part's filter into the page to read. */
    Mono<ListPage<Hit>> page(RootQuery query, Part part, Function<@Nullable Filter, ListQuery> page) {
        Optional<ScimQuery> scim = query.of(part);
        if (scim.isEmpty()) {
            return Mono.just(NONE);
        }
        ListQuery list = page.apply(scim.get().list().filter());
        Mono<ListPage<ResourceRecord>> records = part == Part.USERS
                ? users.list(query.tenantId(), query.schemas(part), list)
                : groups.list(query.tenantId(), query.schemas(part), list, false).map(found -> new ListPage<>(
                        found.resources().stream().map(GroupView::record).toList(), found.totalResults(),
                        found.startIndex(), found.hasMore()));
        return records.map(found -> new ListPage<>(found.resources().stream().map(r -> new Hit(part, r, null)).toList(),
                found.totalResults(), found.startIndex(), found.hasMore()));
    }

    /** How many resources of the part match; one count, no rows. */
    Mono<Long> total(RootQuery query, Part part) {
        return page(query, part, filter -> ListQuery.index(filter, null, 1, 0)).map(ListPage::totalResults);
    }

    /** The part's first {@code depth} resources in sort order, streamed with their sort values. */
    Flux<Hit> sorted(RootQuery query, Part part, int depth) {
        Optional<ScimQuery> scim = query.of(part);
        if (scim.isEmpty()) {
            return Flux.empty();
        }
        ListQuery list = ListQuery.index(scim.get().list().filter(), scim.get().list().sort(), 1, depth);
        Flux<SortedRecord> rows = part == Part.USERS
                ? users.sorted(query.tenantId(), query.schemas(part), list)
                : groups.sorted(query.tenantId(), query.schemas(part), list);
        return rows.map(row -> new Hit(part, row.record(), row.sortValue()));
    }
}
