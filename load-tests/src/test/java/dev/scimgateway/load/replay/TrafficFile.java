package dev.scimgateway.load.replay;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Reads a traffic file: NDJSON, one {@link CapturedRequest} per line, blank lines ignored. */
public final class TrafficFile {

    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrafficFile() {}

    public static List<CapturedRequest> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the traffic file " + file, e);
        }
        var requests = new ArrayList<CapturedRequest>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                requests.add(parse(lines.get(i), file, i + 1));
            }
        }
        // Captured in arrival order already; a stable sort guards against files merged by hand.
        requests.sort(Comparator.comparingLong(CapturedRequest::t));
        return requests;
    }

    static CapturedRequest parse(String line, Path file, int lineNumber) {
        try {
            JsonNode node = JSON.readTree(line);
            int version = node.path("v").asInt(FORMAT_VERSION);
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("format version " + version + " (this replayer reads " + FORMAT_VERSION + ")");
            }
            Map<String, String> headers = node.hasNonNull("headers")
                    ? JSON.convertValue(node.get("headers"), new TypeReference<Map<String, String>>() {})
                    : Map.of();
            return new CapturedRequest(
                    required(node, "t").asLong(),
                    required(node, "method").asText(),
                    required(node, "path").asText(),
                    textOrNull(node, "query"),
                    headers,
                    textOrNull(node, "auth"),
                    node.hasNonNull("body") ? node.get("body") : null,
                    textOrNull(node, "rawBody"),
                    node.hasNonNull("status") ? node.get("status").asInt() : null,
                    textOrNull(node, "id"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": not a traffic line: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return node.get(field);
    }

    private static String textOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
