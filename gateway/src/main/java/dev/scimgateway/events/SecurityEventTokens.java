package dev.scimgateway.events;

import com.nimbusds.jose.JOSEObjectType;
import dev.scimgateway.crypto.SigningKeys;
import dev.scimgateway.edge.BasePaths;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a change into the signed RFC 9967 SET a stream delivers. The {@code jti} is the stream's id
 * and the change's sequence number, so an acknowledgement names the change without a table of
 * issued tokens, and a change delivered again has the same {@code jti}. {@code txn} is the request
 * that made the change (with the operation's index for /Bulk and stream lines), which two SETs of
 * one request share (a PATCH and the deactivation it made).
 */
public final class SecurityEventTokens {

    /** A SET's header {@code typ} (RFC 8417 §2.3). */
    public static final JOSEObjectType SECEVENT_JWT = new JOSEObjectType("secevent+jwt");

    /** Members of a resource that are not its attributes, left out of a notice's {@code attributes}. */
    private static final Set<String> NOT_ATTRIBUTES = Set.of("schemas", "meta");

    private final SigningKeys keys;
    private final ResourceSnapshots resources;
    private final JsonMapper json;
    private final Clock clock;

    public SecurityEventTokens(SigningKeys keys, ResourceSnapshots resources, JsonMapper json, Clock clock) {
        this.keys = keys;
        this.resources = resources;
        this.json = json;
        this.clock = clock;
    }

    /** A signed SET and the change it reports. */
    public record Issued(String jti, long seq, String token) {}

    public static String jti(EventStream stream, long seq) {
        return stream.streamId() + "." + seq;
    }

    /** The change a {@code jti} of this stream names; empty for one of another stream or not ours. */
    public static OptionalLong seqOf(EventStream stream, String jti) {
        String prefix = stream.streamId() + ".";
        if (!jti.startsWith(prefix) || jti.length() == prefix.length() || jti.length() > prefix.length() + 18) {
            return OptionalLong.empty();
        }
        String digits = jti.substring(prefix.length());
        return digits.chars().allMatch(c -> c >= '0' && c <= '9') ? OptionalLong.of(Long.parseLong(digits))
                : OptionalLong.empty();
    }

    /** Empty when the stream does not deliver this change's event. */
    public Mono<Issued> issue(EventStream stream, Change change) {
        String uri = ScimEvents.uriFor(change.action(), stream.eventsDelivered());
        if (uri == null) {
            return Mono.empty();
        }
        boolean full = uri.endsWith(ScimEvents.FULL);
        boolean notice = uri.endsWith(ScimEvents.NOTICE);
        if (!full && !notice) {
            return Mono.just(signed(stream, change, uri, json.createObjectNode()));
        }
        if (notice && change.action().equals("patch") && change.changedMembers()) {
            return Mono.just(signed(stream, change, uri, attributes(null, change)));
        }
        String scimBase = stream.issuer() + BasePaths.SCIM;
        return resources.current(change.tenantId(), change.resourceType(), change.resourceId(), scimBase)
                .map(resource -> full ? signed(stream, change, uri, json.createObjectNode().set("data", resource))
                        : signed(stream, change, uri, attributes(resource, change)))
                // Gone since: nothing to show but what the log knows, so the notice form.
                .switchIfEmpty(Mono.fromSupplier(() -> signed(stream, change, ScimEvents.asNotice(uri),
                        attributes(null, change))));
    }

    /**
     * A notice's {@code attributes}: "members" for a membership PATCH; otherwise the attributes the
     * resource has now. The log records which resource changed, not which of its attributes, so
     * for a PATCH of attributes this names every attribute the resource has (the receiver reads the
     * resource anyway, which is what notice mode is for).
     */
    private ObjectNode attributes(@Nullable ObjectNode resource, Change change) {
        ObjectNode payload = json.createObjectNode();
        ArrayNode names = payload.putArray("attributes");
        if (change.changedMembers() || resource == null) {
            if (change.changedMembers()) {
                names.add("members");
            }
            return payload;
        }
        for (Map.Entry<String, tools.jackson.databind.JsonNode> member : resource.properties()) {
            if (!NOT_ATTRIBUTES.contains(member.getKey())) {
                names.add(member.getKey());
            }
        }
        return payload;
    }

    private Issued signed(EventStream stream, Change change, String uri, ObjectNode payload) {
        String jti = jti(stream, change.seq());
        ObjectNode claims = json.createObjectNode();
        claims.put("iss", stream.issuer());
        claims.put("jti", jti);
        claims.put("iat", clock.instant().getEpochSecond());
        claims.put("aud", FeedPaths.stream(stream.issuer(), stream));
        claims.put("toe", change.at().getEpochSecond());
        String txn = txn(change);
        if (txn != null) {
            claims.put("txn", txn);
        }
        ObjectNode subject = claims.putObject("sub_id");
        subject.put("format", "scim");
        subject.put("uri", resources.path(change.resourceType(), change.resourceId()));
        if (change.externalId() != null) {
            subject.put("externalId", change.externalId());
        }
        claims.putObject("events").set(uri, payload);
        return new Issued(jti, change.seq(), keys.sign(SECEVENT_JWT, json.writeValueAsString(claims)));
    }

    private static @Nullable String txn(Change change) {
        if (change.requestId() == null) {
            return null;
        }
        return change.operationIndex() == null ? change.requestId() : change.requestId() + ":" + change.operationIndex();
    }
}
