package dev.scimgateway.search;

import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Index pages with {@code sortBy}. Where a page starts in the merged order depends on both types,
 * so each type streams its first startIndex-1+count resources in sort order, the two streams are
 * merged, and the page is cut from the merge. The rows before the page are skipped as they
 * arrive, never held; the cost grows with the depth of the page, as with any index paging.
 */
final class SortedPages {

    private final RootParts parts;

    SortedPages(RootParts parts) {
        this.parts = parts;
    }

    Mono<RootSlice> page(RootQuery query) {
        long skip = query.startIndex() - 1L;
        int depth = (int) Math.min(skip + query.count(), Integer.MAX_VALUE);
        Mono<List<Hit>> hits = query.count() == 0 ? Mono.just(List.of())
                : Flux.mergeComparing(MergedOrder.of(query.sort()),
                                parts.sorted(query, Part.USERS, depth), parts.sorted(query, Part.GROUPS, depth))
                        .skip(skip)
                        .take(query.count())
                        .collectList();
        Mono<Long> total = Mono.zip(parts.total(query, Part.USERS), parts.total(query, Part.GROUPS), Long::sum);
        return Mono.zip(hits, total, (page, n) -> new RootSlice(page, n, null));
    }
}
