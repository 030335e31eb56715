package dev.scimgateway.search;

import dev.scimgateway.groups.GroupRendering;
import dev.scimgateway.groups.GroupService;
import dev.scimgateway.groups.GroupView;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.schema.ResourceTypes;
import dev.scimgateway.scim.web.ResourceRenderer;
import dev.scimgateway.scim.web.ScimQuery;
import java.util.Iterator;
import java.util.List;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a page of the root listing in its order, each resource projected as its own type reads
 * the request. Group members are read for the page's groups only, in one query, and only when the
 * projection shows them.
 */
final class RootRendering {

    private final GroupService groups;
    private final ResourceRenderer renderer;

    RootRendering(GroupService groups, ResourceRenderer renderer) {
        this.groups = groups;
        this.renderer = renderer;
    }

    Mono<List<ObjectNode>> render(RootQuery query, List<Hit> hits, String baseUrl) {
        List<ResourceRecord> groupRecords = hits.stream().filter(hit -> hit.part() == Part.GROUPS).map(Hit::record).toList();
        boolean members = query.groups().map(q -> q.wants(query.catalog().groups(), "members")).orElse(false);
        Mono<List<GroupView>> views = groupRecords.isEmpty() ? Mono.just(List.of())
                : groups.views(query.tenantId(), groupRecords, members);
        return views.map(found -> {
            Iterator<GroupView> nextGroup = found.iterator();
            return hits.stream().map(hit -> hit.part() == Part.USERS ? user(query, hit.record(), baseUrl)
                    : group(query, nextGroup.next(), baseUrl)).toList();
        });
    }

    private ObjectNode user(RootQuery query, ResourceRecord user, String baseUrl) {
        ScimQuery scim = query.users().orElseThrow();
        return scim.project(renderer.render(user, ResourceTypes.USER, baseUrl), query.catalog().users());
    }

    private ObjectNode group(RootQuery query, GroupView group, String baseUrl) {
        ScimQuery scim = query.groups().orElseThrow();
        return scim.project(GroupRendering.render(group, renderer, baseUrl), query.catalog().groups());
    }
}
