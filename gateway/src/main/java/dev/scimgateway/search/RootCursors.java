package dev.scimgateway.search;

import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.web.CursorCodec;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 9865 cursors of one root search: a position within one part of the listing. The part is
 * told by the scope the cursor's MAC covers, so a root cursor is as small, opaque and
 * tamper-proof as a per-type one, and like one it is bound to the tenant and the filter.
 */
final class RootCursors {

    /** Where a cursor page starts: right after this position in this part. */
    record Position(Part part, ListQuery.Position after) {}

    private final CursorCodec codec;
    private final List<String> scopes;

    RootCursors(CursorCodec codec, String tenantId, String filter) {
        this.codec = codec;
        // Per-type scopes start with the type's name: "/.search" keeps theirs and these apart.
        this.scopes = Arrays.stream(Part.values())
                .map(part -> "/.search\n" + part.resourceType().name() + "\n" + tenantId + "\n" + filter)
                .toList();
    }

    String after(Part part, ResourceRecord last) {
        // The root total is two counts, taken on every page: root cursors do not carry it.
        return codec.encode(new ListQuery.Position(last.created(), last.id(), ListQuery.Position.UNCOUNTED),
                scopes.get(part.ordinal()));
    }

    Position decode(String cursor) {
        CursorCodec.Decoded decoded = codec.decode(cursor, scopes);
        return new Position(Part.values()[decoded.scope()], decoded.position());
    }
}
