package dev.scimgateway.load.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.Random;
import java.util.StringJoiner;
import java.util.UUID;
import reactor.core.publisher.Flux;

/**
 * The tenant the gateway cases run in. Its N users are written with COPY straight into the
 * gateway's database (through the API they would take longer than the whole benchmark); its two
 * groups are created through the API: an empty one, and a very large one filled with COPY with
 * every user.
 */
final class GatewayTenant {

    static final String TENANT = "bench";
    private static final int CHUNK = 100;
    /** NDJSON lines per write to the socket. */
    private static final int LINES_PER_WRITE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final int users;
    private final String emptyGroupId;
    private final String largeGroupId;

    private GatewayTenant(String token, int users, String emptyGroupId, String largeGroupId) {
        this.token = token;
        this.users = users;
        this.emptyGroupId = emptyGroupId;
        this.largeGroupId = largeGroupId;
    }

    static GatewayTenant create(GatewayProcess gateway, BenchPostgres postgres, int users) throws Exception {
        String token = gateway.admin().createTenantWithToken(TENANT);
        try (Connection connection = postgres.connect(BenchPostgres.GATEWAY_DB)) {
            UserCopy.copy(connection, TENANT, "seed", users);
            String empty = createGroup(gateway, token, "Empty group");
            String large = createGroup(gateway, token, "Everyone");
            UserCopy.copyMembers(connection, TENANT, large, 0, users);
            connection.createStatement().execute("ANALYZE");
            return new GatewayTenant(token, users, empty, large);
        }
    }

    String authorization() {
        return "Bearer " + token;
    }

    HttpCall createUser(String phase, long i) {
        String userName = UserRows.userName("post-" + phase, i);
        return HttpCall.post("/Users", UserRows.createRequest(userName, i));
    }

    HttpCall findByUserName(Random random) {
        String userName = UserRows.userName("seed", random.nextInt(Math.max(1, users)));
        return HttpCall.get("/Users?filter=userName%20eq%20%22" + userName + "%22&startIndex=1&count=100");
    }

    HttpCall findById(Random random) {
        return HttpCall.get("/Users/" + UserRows.id(TENANT, random.nextInt(Math.max(1, users))));
    }

    /** Request {@code i} of a phase: a BulkRequest of {@code size} user creates, users {@code i*size} on. */
    HttpCall bulkCreate(String phase, long i, int size) {
        var operations = new StringJoiner(",");
        for (long u = i * size; u < (i + 1) * size; u++) {
            operations.add(bulkOperation(phase, u));
        }
        return HttpCall.bulk("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
                + operations + "]}", size);
    }

    /** An NDJSON stream of {@code count} user creates, one operation a line, generated as it is sent. */
    Flux<String> streamedCreates(String phase, int count) {
        return Flux.range(0, count)
                .map(u -> bulkOperation(phase, u) + "\n")
                .buffer(LINES_PER_WRITE)
                .map(lines -> String.join("", lines));
    }

    private static String bulkOperation(String phase, long u) {
        String userName = UserRows.userName("bulk-" + phase, u);
        return "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u" + u + "\",\"data\":"
                + UserRows.createRequest(userName, u) + "}";
    }

    /** Starts empty: request 0 adds 100 members, request 1 removes them, and so on (0 and 100 members in turn). */
    HttpCall patchEmptyGroup(long i) {
        return membershipToggle(emptyGroupId, "Empty group", i % 2 == 0, i);
    }

    /** Starts with all N users: request 0 removes 100 members, request 1 adds them back (N − 100 and N in turn). */
    HttpCall patchLargeGroup(long i) {
        return membershipToggle(largeGroupId, "Everyone", i % 2 == 1, i);
    }

    /**
     * Okta's membership PATCH (a rename {@code replace} carrying the id, then 100 members).
     * Requests alternate between adding and removing one chunk of 100 users, so every request
     * writes 100 rows and the group keeps its size however long the phase runs.
     */
    private HttpCall membershipToggle(String groupId, String displayName, boolean add, long i) {
        int chunks = Math.max(1, users / CHUNK);
        long chunk = (i / 2) % chunks;
        var members = new StringJoiner(",");
        for (long m = chunk * CHUNK; m < Math.min(users, (chunk + 1) * CHUNK); m++) {
            UUID id = UserRows.id(TENANT, m);
            members.add("{\"value\":\"" + id + "\"}");
        }
        String rename = "{\"op\":\"replace\",\"value\":{\"id\":\"" + groupId + "\",\"displayName\":\"" + displayName + "\"}}";
        // Removal by value list: 100 ids in a members[value eq … or …] path would pass the
        // gateway's 4096-character path limit.
        String change = "{\"op\":\"" + (add ? "add" : "remove") + "\",\"path\":\"members\",\"value\":[" + members + "]}";
        return HttpCall.patch("/Groups/" + groupId, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[" + rename + "," + change + "]}");
    }

    private static String createGroup(GatewayProcess gateway, String token, String displayName) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(gateway.scimBaseUrl() + "/Groups"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                        + "\"displayName\":\"" + displayName + "\"}"))
                .build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /Groups answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("id").asText();
    }
}
