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

/**
 * The tenant the gateway cases run in. Its N users are written with COPY straight into the
 * gateway's database (through the API they would take longer than the whole benchmark); its two
 * groups are created through the API, then filled with COPY: a small one of {@value #SMALL_GROUP}
 * members and a very large one holding every user.
 */
final class GatewayTenant {

    static final String TENANT = "bench";
    static final int SMALL_GROUP = 200;
    private static final int CHUNK = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final int users;
    private final String smallGroupId;
    private final String largeGroupId;

    private GatewayTenant(String token, int users, String smallGroupId, String largeGroupId) {
        this.token = token;
        this.users = users;
        this.smallGroupId = smallGroupId;
        this.largeGroupId = largeGroupId;
    }

    static GatewayTenant create(GatewayProcess gateway, BenchPostgres postgres, int users) throws Exception {
        String token = gateway.admin().createTenantWithToken(TENANT);
        try (Connection connection = postgres.connect(BenchPostgres.GATEWAY_DB)) {
            UserCopy.copy(connection, TENANT, "seed", users);
            String small = createGroup(gateway, token, "Small group");
            String large = createGroup(gateway, token, "Everyone");
            UserCopy.copyMembers(connection, TENANT, small, 0, Math.min(users, SMALL_GROUP));
            UserCopy.copyMembers(connection, TENANT, large, 0, users);
            connection.createStatement().execute("ANALYZE");
            return new GatewayTenant(token, users, small, large);
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
        String userName = UserRows.userName("seed", random.nextInt(users));
        return HttpCall.get("/Users?filter=userName%20eq%20%22" + userName + "%22&startIndex=1&count=100");
    }

    HttpCall patchSmallGroup(long i) {
        return membershipToggle(smallGroupId, "Small group", Math.min(users, SMALL_GROUP), i);
    }

    HttpCall patchLargeGroup(long i) {
        return membershipToggle(largeGroupId, "Everyone", users, i);
    }

    /**
     * Okta's membership PATCH (a rename {@code replace} carrying the id, then 100 members).
     * Requests alternate between removing a chunk of 100 current members and adding it back, so
     * every request writes 100 rows and the group keeps its size however long the phase runs.
     */
    private static HttpCall membershipToggle(String groupId, String displayName, int groupSize, long i) {
        int chunks = Math.max(1, groupSize / CHUNK);
        long chunk = (i / 2) % chunks;
        boolean add = i % 2 == 1;
        var members = new StringJoiner(",");
        for (long m = chunk * CHUNK; m < Math.min(groupSize, (chunk + 1) * CHUNK); m++) {
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
