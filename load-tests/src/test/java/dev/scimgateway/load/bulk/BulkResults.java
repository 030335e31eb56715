package dev.scimgateway.load.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scimgateway.load.okta.ServerIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Reads what a batch answered, operation by operation: a BulkResponse's {@code Operations} (in
 * request order) or the NDJSON result lines (one per line sent, in order, each with its
 * {@code index}). A {@code status} of 400 or more is a failed operation, even in an HTTP 200.
 * The ids that creates answered are recorded for later batches, and every operation is counted.
 */
public final class BulkResults {

    /** The verdict of a batch in which every operation succeeded. */
    public static final String ALL_SUCCEEDED = "every operation succeeded";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerIds userIds;
    private final ServerIds groupIds;
    private final LongAdder sent = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final java.util.Set<Integer> judged = ConcurrentHashMap.newKeySet();

    public BulkResults(ServerIds userIds, ServerIds groupIds) {
        this.userIds = userIds;
        this.groupIds = groupIds;
    }

    /** Records the batch's results; answers {@link #ALL_SUCCEEDED} or what failed. */
    public String judge(SentBatch batch, String body) {
        judged.add(batch.batch().index());
        List<JsonNode> results;
        try {
            results = results(batch.batch().kind(), body);
        } catch (IOException | RuntimeException e) {
            judged.remove(batch.batch().index());
            return "unreadable answer (" + e.getMessage() + ")";
        }
        int failed = 0;
        Map<Integer, Integer> failures = new TreeMap<>();
        String first = null;
        for (int i = 0; i < batch.operations().size(); i++) {
            BulkOp op = batch.operations().get(i);
            JsonNode result = i < results.size() ? results.get(i) : null;
            int status = result == null ? 0 : status(result);
            String problem = result == null ? "no result"
                    : batch.batch().kind() == BulkBatch.Kind.NDJSON && result.path("index").asInt(-1) != i
                            ? "result line " + i + " has index " + result.path("index") : null;
            if (problem == null && status >= 200 && status < 400) {
                record(op, idOf(result));
                count(status);
                continue;
            }
            record(op, null);
            count(status);
            failed++;
            failures.merge(status, 1, Integer::sum);
            if (first == null) {
                first = "operation " + i + ": " + (problem != null ? problem
                        : status + " " + result.path("response").path("scimType").asText("") + " "
                                + result.path("response").path("detail").asText(""));
            }
        }
        if (results.size() > batch.operations().size()) {
            failed++;
            first = first != null ? first : results.size() + " results for " + batch.operations().size() + " operations";
        }
        if (failed == 0) {
            return ALL_SUCCEEDED;
        }
        String statuses = failures.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
        return failed + " of " + batch.operations().size() + " operations failed (" + statuses + "); " + first.strip();
    }

    /** After the request, whatever the answer: creates that recorded nothing (the request failed) failed. */
    public void settle(SentBatch batch) {
        sent.add(batch.operations().size());
        skipped.add(batch.skipped());
        if (!judged.contains(batch.batch().index())) {
            // The request failed as a whole (status, timeout, unreadable body): none of its operations is known to have run.
            batch.operations().forEach(op -> count(0));
        }
        for (BulkOp op : batch.operations()) {
            if (op instanceof BulkOp.CreateUser create && !userIds.settled(create.user())) {
                userIds.remember(create.user(), null);
            } else if (op instanceof BulkOp.CreateGroup create && !groupIds.settled(create.group())) {
                groupIds.remember(create.group(), null);
            }
        }
    }

    /** E.g. "1,212 operations sent: 1,210 × 2xx, 2 failed (409 ×2), 0 skipped". */
    public String summary() {
        long failed = byStatus.entrySet().stream().filter(e -> e.getKey() < 200 || e.getKey() >= 400)
                .mapToLong(e -> e.getValue().sum()).sum();
        String statuses = new TreeMap<>(byStatus).entrySet().stream()
                .map(e -> (e.getKey() == 0 ? "no result" : e.getKey().toString()) + " ×" + e.getValue().sum())
                .collect(Collectors.joining(", "));
        return String.format("%,d operations sent, %,d failed (statuses: %s), %,d skipped because what they named"
                + " had failed", sent.sum(), failed, statuses.isEmpty() ? "none" : statuses, skipped.sum());
    }

    private void record(BulkOp op, String id) {
        if (op instanceof BulkOp.CreateUser create) {
            userIds.remember(create.user(), id);
        } else if (op instanceof BulkOp.CreateGroup create) {
            groupIds.remember(create.group(), id);
        }
    }

    private void count(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    static List<JsonNode> results(BulkBatch.Kind kind, String body) throws IOException {
        List<JsonNode> results = new ArrayList<>();
        if (kind == BulkBatch.Kind.NDJSON) {
            for (String line : body.split("\n")) {
                if (!line.isBlank()) {
                    results.add(JSON.readTree(line));
                }
            }
        } else {
            JsonNode operations = JSON.readTree(body).path("Operations");
            operations.forEach(results::add);
        }
        return results;
    }

    /** The gateway answers status as a string ("201"), as RFC 7644 shows it; a number is read too. */
    static int status(JsonNode result) {
        JsonNode status = result.path("status");
        try {
            return status.isNumber() ? status.asInt() : Integer.parseInt(status.asText("").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The id at the end of the result's {@code location}; null when there is none. */
    static String idOf(JsonNode result) {
        String location = result.path("location").asText("");
        int slash = location.lastIndexOf('/');
        return location.isEmpty() || slash == location.length() - 1 ? null : location.substring(slash + 1);
    }
}
