package dev.scimgateway.events;

import dev.scimgateway.scim.protocol.ScimException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An RFC 8936 §2.4 poll: how many SETs at most, whether to wait for some, and the SETs the
 * receiver has processed ({@code ack}) or failed to ({@code setErrs}, which ends their delivery
 * too: sending them again would fail again).
 */
record PollRequest(int maxEvents, boolean returnImmediately, List<String> acknowledged, Map<String, String> errors) {

    static PollRequest parse(ObjectNode body, int defaultMaxEvents, int maxMaxEvents) {
        JsonNode max = body.get("maxEvents");
        int maxEvents = defaultMaxEvents;
        if (max != null && !max.isNull()) {
            if (!max.isIntegralNumber() || max.asLong() < 0) {
                throw ScimException.invalidValue("'maxEvents' must be a whole number of 0 or more");
            }
            maxEvents = (int) Math.min(max.asLong(), maxMaxEvents);
        }
        JsonNode immediately = body.get("returnImmediately");
        if (immediately != null && !immediately.isNull() && !immediately.isBoolean()) {
            throw ScimException.invalidValue("'returnImmediately' must be true or false");
        }
        List<String> acks = new ArrayList<>();
        JsonNode ack = body.get("ack");
        if (ack != null && !ack.isNull()) {
            if (!ack.isArray()) {
                throw ScimException.invalidValue("'ack' must be an array of jti values");
            }
            for (JsonNode jti : ack) {
                if (!jti.isString()) {
                    throw ScimException.invalidValue("'ack' must be an array of jti values");
                }
                acks.add(jti.stringValue());
            }
        }
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        JsonNode setErrs = body.get("setErrs");
        if (setErrs != null && !setErrs.isNull()) {
            if (!setErrs.isObject()) {
                throw ScimException.invalidValue("'setErrs' must be an object of jti to {\"err\", \"description\"}");
            }
            for (Map.Entry<String, JsonNode> entry : setErrs.properties()) {
                errors.put(entry.getKey(), entry.getValue().path("err").asString("unknown"));
            }
        }
        return new PollRequest(maxEvents, immediately != null && immediately.asBoolean(false), List.copyOf(acks),
                Map.copyOf(errors));
    }

    /** Every jti the receiver is done with, acknowledged or failed. */
    List<String> settled() {
        List<String> all = new ArrayList<>(acknowledged);
        all.addAll(errors.keySet());
        return all;
    }
}
