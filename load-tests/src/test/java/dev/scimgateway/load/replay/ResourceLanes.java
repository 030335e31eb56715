package dev.scimgateway.load.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a capture into lanes that may run side by side: all requests about one resource (its
 * create, and every request whose path names its id) stay in one lane, in captured order; a
 * request that names no single resource (a list, a filter, discovery) is a lane of its own.
 */
public final class ResourceLanes {

    private ResourceLanes() {}

    public static List<List<CapturedRequest>> split(List<CapturedRequest> requests) {
        Map<String, List<CapturedRequest>> lanes = new LinkedHashMap<>();
        int loose = 0;
        for (CapturedRequest request : requests) {
            String key = resourceKey(request);
            lanes.computeIfAbsent(key != null ? key : "loose-" + loose++, k -> new ArrayList<>()).add(request);
        }
        return List.copyOf(lanes.values());
    }

    static String resourceKey(CapturedRequest request) {
        String endpoint = request.endpoint().toLowerCase(Locale.ROOT);
        if (request.method().equals("POST") && request.id() != null) {
            return endpoint + "/" + request.id().toLowerCase(Locale.ROOT);
        }
        String[] segments = request.path().split("/");
        if (segments.length >= 3 && !segments[2].isEmpty()) {
            return endpoint + "/" + segments[2].toLowerCase(Locale.ROOT);
        }
        return null;
    }
}
