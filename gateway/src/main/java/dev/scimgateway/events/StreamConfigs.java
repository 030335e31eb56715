package dev.scimgateway.events;

import dev.scimgateway.scim.protocol.ScimException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stream's configuration as SSF 1.0 §8.1.1 writes it, both ways: what a receiver sends on create,
 * update (PATCH) and replace (PUT), and what the gateway answers. The push {@code authorization_header}
 * is taken but never answered: it is the receiver's secret.
 */
final class StreamConfigs {

    static final int MAX_DESCRIPTION = 1000;
    /** What a stream created without {@code events_requested} delivers: every change, in notice form. */
    private static final List<String> DEFAULT_REQUESTED = ScimEvents.SUPPORTED.stream()
            .filter(uri -> !uri.endsWith(ScimEvents.FULL)).toList();

    private final JsonMapper json;
    private final boolean pushSupported;

    StreamConfigs(JsonMapper json, boolean pushSupported) {
        this.json = json;
        this.pushSupported = pushSupported;
    }

    /** A new stream of the tenant from a create request. */
    EventStream create(String tenantId, String issuer, ObjectNode body) {
        List<String> requested = body.has("events_requested") ? strings(body, "events_requested") : DEFAULT_REQUESTED;
        return new EventStream(UUID.randomUUID(), tenantId, issuer, requested, ScimEvents.delivered(requested),
                delivery(body.get("delivery")), description(body), EventStream.Status.ENABLED, null, 0, List.of());
    }

    /**
     * The stream with the receiver's changes: PATCH changes what the body has; PUT replaces all the
     * receiver supplies, so what the body lacks is removed. Transmitter-supplied members may be sent
     * back, but only as they are.
     */
    EventStream update(EventStream stream, ObjectNode body, boolean replace) {
        checkUnchanged(stream, body, "iss", json.getNodeFactory().stringNode(stream.issuer()));
        checkUnchanged(stream, body, "aud", json.getNodeFactory().stringNode(FeedPaths.stream(stream.issuer(), stream)));
        checkUnchanged(stream, body, "events_delivered", strings(stream.eventsDelivered()));
        checkUnchanged(stream, body, "events_supported", strings(ScimEvents.SUPPORTED));
        List<String> requested = body.has("events_requested") ? strings(body, "events_requested")
                : replace ? List.of() : stream.eventsRequested();
        EventStream.Delivery delivery = body.has("delivery") || replace ? delivery(body.get("delivery")) : stream.delivery();
        String description = body.has("description") || replace ? description(body) : stream.description();
        return new EventStream(stream.id(), stream.tenantId(), stream.issuer(), requested, ScimEvents.delivered(requested),
                delivery, description, stream.status(), stream.reason(), stream.position(), stream.ackedAbove());
    }

    ObjectNode render(EventStream stream) {
        ObjectNode out = json.createObjectNode();
        out.put("stream_id", stream.streamId());
        out.put("iss", stream.issuer());
        out.put("aud", FeedPaths.stream(stream.issuer(), stream));
        ObjectNode delivery = out.putObject("delivery");
        delivery.put("method", stream.delivery().method());
        delivery.put("endpoint_url", EventStream.POLL.equals(stream.delivery().method())
                ? FeedPaths.poll(stream.issuer(), stream) : stream.delivery().endpointUrl());
        out.set("events_supported", strings(ScimEvents.SUPPORTED));
        out.set("events_requested", strings(stream.eventsRequested()));
        out.set("events_delivered", strings(stream.eventsDelivered()));
        if (stream.description() != null) {
            out.put("description", stream.description());
        }
        return out;
    }

    ObjectNode renderStatus(EventStream stream) {
        ObjectNode out = json.createObjectNode();
        out.put("stream_id", stream.streamId());
        out.put("status", stream.status().wire());
        if (stream.reason() != null) {
            out.put("reason", stream.reason());
        }
        return out;
    }

    private EventStream.Delivery delivery(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return new EventStream.Delivery(EventStream.POLL, null, null);
        }
        if (!node.isObject()) {
            throw ScimException.invalidValue("'delivery' must be an object with 'method' (" + EventStream.POLL
                    + " or " + EventStream.PUSH + ")");
        }
        String method = text(node, "method");
        if (method == null || EventStream.POLL.equals(method)) {
            // Poll: the endpoint is the gateway's, whatever the receiver wrote (SSF 1.0 §6.1.2).
            return new EventStream.Delivery(EventStream.POLL, null, null);
        }
        if (!EventStream.PUSH.equals(method)) {
            throw ScimException.invalidValue("Unknown delivery method '" + method + "'; the methods are "
                    + EventStream.POLL + " (poll) and " + EventStream.PUSH + " (push)");
        }
        if (!pushSupported) {
            throw ScimException.invalidValue("Push delivery (" + EventStream.PUSH + ") is not offered by this gateway;"
                    + " use " + EventStream.POLL + " (poll)");
        }
        String endpoint = text(node, "endpoint_url");
        if (endpoint == null || !isHttpUrl(endpoint)) {
            throw ScimException.invalidValue("Push delivery needs 'delivery.endpoint_url', an http or https URL");
        }
        return new EventStream.Delivery(EventStream.PUSH, endpoint, text(node, "authorization_header"));
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static @Nullable String description(ObjectNode body) {
        String description = text(body, "description");
        return description == null || description.length() <= MAX_DESCRIPTION ? description
                : description.substring(0, MAX_DESCRIPTION);
    }

    private static @Nullable String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ScimException.invalidValue("'" + name + "' must be a string");
        }
        return value.stringValue();
    }

    private static List<String> strings(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ScimException.invalidValue("'" + name + "' must be an array of event type URIs");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isString()) {
                throw ScimException.invalidValue("'" + name + "' must be an array of event type URIs");
            }
            out.add(item.stringValue());
        }
        return out;
    }

    private ArrayNode strings(List<String> values) {
        ArrayNode array = json.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static void checkUnchanged(EventStream stream, ObjectNode body, String name, JsonNode expected) {
        JsonNode given = body.get(name);
        if (given != null && !given.equals(expected)) {
            throw ScimException.invalidValue("'" + name + "' is set by the transmitter and cannot be changed; send it"
                    + " as stream " + stream.streamId() + " has it, or leave it out");
        }
    }
}
