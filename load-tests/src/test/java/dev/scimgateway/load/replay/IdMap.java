package dev.scimgateway.load.replay;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Captured server-assigned ids → the ids the target assigned on replay. Every id a captured POST
 * received is "pending" until the replayed POST answers; paths, queries and bodies are rewritten
 * through this map, and a request that names a pending id waits for it (a group PATCH must not
 * overtake the POSTs of the users it adds).
 */
public final class IdMap {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Set<String> pending;
    private final Map<String, String> replacements = new ConcurrentHashMap<>();

    public IdMap(Collection<CapturedRequest> requests) {
        this.pending = ConcurrentHashMap.newKeySet();
        requests.stream().map(CapturedRequest::id).filter(id -> id != null)
                .map(id -> id.toLowerCase(Locale.ROOT)).forEach(pending::add);
    }

    /** The replayed create answered with {@code newId}; null when it failed (later requests then go as captured). */
    public void learn(String capturedId, String newId) {
        String key = capturedId.toLowerCase(Locale.ROOT);
        if (newId != null) {
            replacements.put(key, newId);
        }
        pending.remove(key);
    }

    public boolean waitsFor(String text) {
        if (text == null || pending.isEmpty()) {
            return false;
        }
        Matcher ids = UUID.matcher(text);
        while (ids.find()) {
            if (pending.contains(ids.group().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    public String rewrite(String text) {
        if (text == null || replacements.isEmpty()) {
            return text;
        }
        return UUID.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                replacements.getOrDefault(m.group().toLowerCase(Locale.ROOT), m.group())));
    }

    /** Stats names group requests by type: {@code PATCH /Groups/{id}} rather than one name per id. */
    public static String requestType(CapturedRequest request) {
        String path = UUID.matcher(request.path()).replaceAll("{id}");
        String query = request.query() == null ? "" : request.query().toLowerCase(Locale.ROOT);
        String kind = query.contains("filter=") ? "?filter" : query.contains("startindex=") ? "?startIndex" : "";
        return request.method() + " " + path + kind;
    }
}
