package dev.scimgateway.search;

import dev.scimgateway.resources.ResourceService;
import dev.scimgateway.resources.ResourceView;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.web.ResourceRenderer;
import dev.scimgateway.scim.web.ScimQuery;
import java.util.Iterator;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a page of the root listing in its order, each resource projected as its own type reads
 * the request. Membership (group members, user groups) is read for the page's resources only, one
 * query per type that has it, and only when the projection shows it.
 */
final class RootRendering {

    private final ResourceService resources;
    private final RootParts parts;
    private final ResourceRenderer renderer;

    RootRendering(ResourceService resources, RootParts parts, ResourceRenderer renderer) {
        this.resources = resources;
        this.parts = parts;
        this.renderer = renderer;
    }

    Mono<List<ObjectNode>> render(RootQuery query, List<Hit> hits, String baseUrl) {
        return Flux.fromArray(Part.values()).concatMap(part -> views(query, part, hits)).collectList().map(views -> {
            List<Iterator<ResourceView>> next = views.stream().map(List::iterator).toList();
            return hits.stream().map(hit -> render(query, hit.part(), next.get(hit.part().ordinal()).next(), baseUrl))
                    .toList();
        });
    }

    private Mono<List<ResourceView>> views(RootQuery query, Part part, List<Hit> hits) {
        List<ResourceRecord> records = hits.stream().filter(hit -> hit.part() == part).map(Hit::record).toList();
        if (records.isEmpty()) {
            return Mono.just(List.of());
        }
        boolean members = parts.kind(part).membership()
                .flatMap(attribute -> query.of(part).map(q -> q.wants(query.schemas(part), attribute))).orElse(false);
        return resources.views(parts.kind(part), query.tenantId(), records, members);
    }

    private ObjectNode render(RootQuery query, Part part, ResourceView view, String baseUrl) {
        ScimQuery scim = query.of(part).orElseThrow();
        return scim.project(parts.kind(part).render(view, renderer, baseUrl), query.schemas(part));
    }
}
