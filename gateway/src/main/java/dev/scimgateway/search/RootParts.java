package dev.scimgateway.search;

import dev.scimgateway.resources.ResourceKind;
import dev.scimgateway.resources.ResourceKinds;
import dev.scimgateway.resources.ResourceService;
import dev.scimgateway.scim.protocol.list.ListPage;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.filter.Filter;
import dev.scimgateway.scim.web.ScimQuery;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads one part of the root listing through the resource service, as {@link Hit}s. A part the
 * filter does not apply to reads as empty. Groups are read without members; those are loaded
 * for the page only, when it is rendered.
 */
final class RootParts {

    private static final ListPage<Hit> NONE = new ListPage<>(List.of(), 0, 1, false);

    private final ResourceService resources;
    private final List<ResourceKind> kinds;

    RootParts(ResourceService resources, ResourceKinds kinds) {
        this.resources = resources;
        this.kinds = Arrays.stream(Part.values()).map(part -> kinds.of(part.resourceType())).toList();
    }

    /** The resource type a part lists. */
    ResourceKind kind(Part part) {
        return kinds.get(part.ordinal());
    }

    /** One page of a part; {@code page} turns the part's filter into the page to read. */
    Mono<ListPage<Hit>> page(RootQuery query, Part part, Function<@Nullable Filter, ListQuery> page) {
        Optional<ScimQuery> scim = query.of(part);
        if (scim.isEmpty()) {
            return Mono.just(NONE);
        }
        ListQuery list = page.apply(scim.get().list().filter());
        return resources.list(kind(part), query.tenantId(), query.schemas(part), list, false)
                .map(found -> new ListPage<>(found.resources().stream().map(view -> new Hit(part, view.record(), null))
                        .toList(), found.totalResults(), found.startIndex(), found.hasMore()));
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
        return resources.sorted(kind(part), query.tenantId(), query.schemas(part), list).map(row -> new Hit(part, row.record(), row.sortValue()));
    }
}
