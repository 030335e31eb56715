package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /.search} over a mix of users and groups on real PostgreSQL: sortBy across both
 * types, index slices of the merged order, and RFC 9865 cursor walks. Users are named by their
 * userName, groups by "g:" and their displayName.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RootSearchTest extends GatewayTest {

    /** Without sortBy, and for cursor pages: users in creation order, then groups in creation order. */
    private static final List<String> LISTING = List.of("carol", "Alice", "bob", "eve", "Dave", "frank", "grace",
            "g:Charlie", "g:echo", "g:Golf", "g:Apex", "g:hotel");
    /** Users without a displayName (bob, Dave) come last ascending; "Echo" and "echo" tie, users first. */
    private static final List<String> BY_DISPLAY_NAME = List.of("frank", "g:Apex", "carol", "g:Charlie", "Alice", "grace",
            "g:echo", "eve", "g:Golf", "g:hotel", "bob", "Dave");

    private ScimClient client;
    private final List<String> created = new ArrayList<>();
    private String charlieMember;

    @BeforeAll
    void mixedUsersAndGroups() {
        client = newScimClient("rootsearch");
        user("carol", "Bravo", "b-2");
        group("Charlie", "a-9");
        user("Alice", "delta", null);
        group("echo", null);
        user("bob", null, null);
        group("Golf", "c-0");
        user("eve", "Foxtrot", "B-1");
        group("Apex", null);
        user("Dave", null, null);
        group("hotel", null);
        user("frank", "alpha", null);
        user("grace", "Echo", null);
        charlieMember = body(client.get("/Users?filter=userName%20eq%20%22carol%22")).at("/Resources/0/id").stringValue();
        String charlie = body(client.get("/Groups?filter=displayName%20eq%20%22Charlie%22")).at("/Resources/0/id").stringValue();
        client.patch("/Groups/" + charlie, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(charlieMember))
                .expectStatus().is2xxSuccessful();
        // Another tenant with look-alikes: none of them may ever show up here.
        ScimClient other = newScimClient("rootsearch-other");
        other.post("/Users", "{\"userName\":\"Alice\",\"displayName\":\"aaa\"}").expectStatus().isCreated();
        other.post("/Groups", "{\"displayName\":\"Apex\"}").expectStatus().isCreated();
    }

    private void user(String userName, String displayName, String externalId) {
        client.post("/Users", "{\"userName\":\"%s\"%s%s}".formatted(userName,
                displayName == null ? "" : ",\"displayName\":\"" + displayName + "\"",
                externalId == null ? "" : ",\"externalId\":\"" + externalId + "\"")).expectStatus().isCreated();
        created.add(userName);
    }

    private void group(String displayName, String externalId) {
        client.post("/Groups", "{\"displayName\":\"%s\"%s}".formatted(displayName,
                externalId == null ? "" : ",\"externalId\":\"" + externalId + "\"")).expectStatus().isCreated();
        created.add("g:" + displayName);
    }

    private JsonNode search(String request) {
        return body(client.post("/.search", request).expectStatus().isOk());
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("Resources").forEach(r -> names.add(r.has("userName") ? r.get("userName").stringValue()
                : "g:" + r.get("displayName").stringValue()));
        return names;
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    @Test
    void sortsUsersAndGroupsTogetherByASharedAttribute() {
        JsonNode ascending = search("{\"sortBy\":\"displayName\",\"count\":50}");
        assertThat(ascending.get("totalResults").asInt()).isEqualTo(12);
        assertThat(names(ascending)).containsExactlyElementsOf(BY_DISPLAY_NAME);
        // Descending puts the resources without a value first (RFC 7644 §3.4.2.3); ties still break users first.
        assertThat(names(search("{\"sortBy\":\"displayName\",\"sortOrder\":\"descending\",\"count\":50}")))
                .containsExactly("bob", "Dave", "g:hotel", "g:Golf", "eve", "grace", "g:echo", "Alice", "g:Charlie",
                        "carol", "g:Apex", "frank");
        // externalId is caseExact: "B-1" sorts before "a-9".
        assertThat(names(search("{\"sortBy\":\"externalId\",\"count\":50}"))).containsExactly("eve", "g:Charlie", "carol",
                "g:Golf", "Alice", "bob", "Dave", "frank", "grace", "g:echo", "g:Apex", "g:hotel");
        assertThat(names(search("{\"sortBy\":\"meta.created\",\"count\":50}"))).containsExactlyElementsOf(created);
        assertThat(names(search("{\"sortBy\":\"meta.lastModified\",\"sortOrder\":\"descending\",\"count\":50}")))
                .containsExactlyElementsOf(reversed(created).stream()
                        // Adding a member moved Charlie's lastModified to the end.
                        .filter(name -> !name.equals("g:Charlie")).collect(() -> new ArrayList<>(List.of("g:Charlie")),
                                ArrayList::add, ArrayList::addAll));
        List<String> ids = new ArrayList<>();
        search("{\"sortBy\":\"id\",\"count\":50}").get("Resources").forEach(r -> ids.add(r.get("id").stringValue()));
        assertThat(ids).hasSize(12).isSorted();
    }

    @Test
    void sortsByAnAttributeOnlyUsersHaveWithGroupsAsResourcesWithoutAValue() {
        List<String> users = List.of("Alice", "bob", "carol", "Dave", "eve", "frank", "grace");
        List<String> groups = List.of("g:Charlie", "g:echo", "g:Golf", "g:Apex", "g:hotel");
        List<String> ascending = new ArrayList<>(users);
        ascending.addAll(groups);
        assertThat(names(search("{\"sortBy\":\"userName\",\"count\":50}"))).containsExactlyElementsOf(ascending);
        List<String> descending = new ArrayList<>(groups);
        descending.addAll(reversed(users));
        assertThat(names(search("{\"sortBy\":\"userName\",\"sortOrder\":\"descending\",\"count\":50}")))
                .containsExactlyElementsOf(descending);
    }

    @Test
    void perTypeListsPlaceMissingValuesAsRootSearchDoes() {
        List<String> users = BY_DISPLAY_NAME.stream().filter(name -> !name.startsWith("g:")).toList();
        assertThat(names(body(client.get("/Users?sortBy=displayName&count=50").expectStatus().isOk())))
                .containsExactlyElementsOf(users);
        assertThat(names(body(client.get("/Users?sortBy=displayName&sortOrder=descending&count=50").expectStatus().isOk())))
                .containsExactly("bob", "Dave", "eve", "grace", "Alice", "carol", "frank");
        // Ids are uuids, which have no collation: they sort as their text.
        List<String> ids = new ArrayList<>();
        body(client.get("/Groups?sortBy=id").expectStatus().isOk()).get("Resources")
                .forEach(r -> ids.add(r.get("id").stringValue()));
        assertThat(ids).hasSize(5).isSorted();
    }

    @Test
    void indexPagesAreSlicesOfTheMergedOrder() {
        JsonNode page = search("{\"sortBy\":\"displayName\",\"startIndex\":4,\"count\":3}");
        assertThat(page.get("totalResults").asInt()).isEqualTo(12);
        assertThat(page.get("startIndex").asInt()).isEqualTo(4);
        assertThat(page.has("nextCursor")).isFalse();
        assertThat(names(page)).containsExactlyElementsOf(BY_DISPLAY_NAME.subList(3, 6));
        assertThat(names(search("{\"sortBy\":\"displayName\",\"startIndex\":11,\"count\":5}")))
                .containsExactly("bob", "Dave");
        assertThat(search("{\"sortBy\":\"displayName\",\"startIndex\":13}").get("Resources")).isEmpty();
        assertThat(search("{\"sortBy\":\"displayName\",\"count\":0}").get("totalResults").asInt()).isEqualTo(12);
        for (int size : new int[] {1, 5, 7}) {
            List<String> walked = new ArrayList<>();
            List<String> unsorted = new ArrayList<>();
            for (int start = 1; start <= 12; start += size) {
                walked.addAll(names(search("{\"sortBy\":\"displayName\",\"startIndex\":%d,\"count\":%d}".formatted(start, size))));
                unsorted.addAll(names(search("{\"startIndex\":%d,\"count\":%d}".formatted(start, size))));
            }
            assertThat(walked).as("pages of %d", size).containsExactlyElementsOf(BY_DISPLAY_NAME);
            assertThat(unsorted).as("pages of %d", size).containsExactlyElementsOf(LISTING);
        }
    }

    @Test
    void cursorPagesVisitEveryResourceOnceInListingOrder() {
        for (int count : new int[] {1, 3, 7, 12, 50}) {
            List<String> seen = new ArrayList<>();
            String cursor = "";
            int pages = 0;
            while (cursor != null) {
                JsonNode page = search("{\"cursor\":\"%s\",\"count\":%d}".formatted(cursor, count));
                assertThat(page.get("totalResults").asInt()).isEqualTo(12);
                assertThat(page.has("startIndex")).isFalse();
                assertThat(page.get("Resources").size()).isLessThanOrEqualTo(count);
                seen.addAll(names(page));
                cursor = page.has("nextCursor") ? page.get("nextCursor").stringValue() : null;
                pages++;
            }
            assertThat(seen).as("pages of %d", count).containsExactlyElementsOf(LISTING);
            assertThat(pages).as("pages of %d", count).isEqualTo((12 + count - 1) / count);
        }
    }

    @Test
    void cursorPagesKeepFilterAndProjection() {
        List<String> seen = new ArrayList<>();
        String cursor = "";
        while (cursor != null) {
            JsonNode page = search("""
                    {"filter":"displayName pr","attributes":["displayName","userName"],"cursor":"%s","count":2}"""
                    .formatted(cursor));
            assertThat(page.get("totalResults").asInt()).isEqualTo(10);
            page.get("Resources").forEach(r -> assertThat(r.has("meta") || r.has("externalId") || r.has("members")).isFalse());
            seen.addAll(names(page));
            cursor = page.has("nextCursor") ? page.get("nextCursor").stringValue() : null;
        }
        assertThat(seen).containsExactlyElementsOf(LISTING.stream().filter(n -> !n.equals("bob") && !n.equals("Dave")).toList());
    }

    @Test
    void cursorsAreTamperProofAndBoundToTenantAndFilter() {
        String next = search("{\"cursor\":\"\",\"count\":3}").get("nextCursor").stringValue();
        char flipped = next.charAt(5) == 'A' ? 'B' : 'A';
        expect(client, "{\"cursor\":\"%s\",\"count\":3}".formatted(next.substring(0, 5) + flipped + next.substring(6)),
                "invalidCursor");
        expect(client, "{\"cursor\":\"not-a-cursor\",\"count\":3}", "invalidCursor");
        expect(client, "{\"cursor\":\"%s\",\"count\":3,\"filter\":\"userName pr\"}".formatted(next), "invalidCursor");
        expect(newScimClient("rootsearch-thief"), "{\"cursor\":\"%s\",\"count\":3}".formatted(next), "invalidCursor");
        // A per-type cursor is not a root cursor, nor the other way round.
        client.get("/Users?count=3&cursor=" + next).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.scimType").isEqualTo("invalidCursor");
        String perType = body(client.get("/Users?count=3&cursor=").expectStatus().isOk()).get("nextCursor").stringValue();
        expect(client, "{\"cursor\":\"%s\",\"count\":3}".formatted(perType), "invalidCursor");
        expect(client, "{\"cursor\":\"\",\"count\":100000}", "invalidCount");
        expect(client, "{\"cursor\":\"\",\"startIndex\":2}", "invalidValue");
        // As per type, cursor pages follow the listing order; sortBy goes with index paging.
        expect(client, "{\"cursor\":\"\",\"sortBy\":\"displayName\"}", "invalidValue");
    }

    @Test
    void sortAndProjectionWorkTogetherWithFiltersAndMembers() {
        JsonNode page = search("""
                {"filter":"displayName sw \\"c\\"","sortBy":"displayName","sortOrder":"descending",
                 "excludedAttributes":["meta"]}""");
        assertThat(names(page)).containsExactly("g:Charlie");
        assertThat(page.at("/Resources/0/members/0/value").stringValue()).isEqualTo(charlieMember);
        assertThat(page.at("/Resources/0/meta").isMissingNode()).isTrue();
        JsonNode lean = search("{\"sortBy\":\"displayName\",\"excludedAttributes\":[\"members\"],\"count\":4}");
        assertThat(names(lean)).containsExactlyElementsOf(BY_DISPLAY_NAME.subList(0, 4));
        assertThat(lean.at("/Resources/3/members").isMissingNode()).isTrue();
        // A filter only users understand selects no group, sorted or not.
        assertThat(names(search("{\"filter\":\"userName sw \\\"a\\\"\",\"sortBy\":\"displayName\"}"))).containsExactly("Alice");
    }

    @Test
    void refusesWhatNeitherTypeCanSortBy() {
        expect(client, "{\"sortBy\":\"nosuch\"}", "invalidValue");
        expect(client, "{\"sortBy\":\"displayName\",\"sortOrder\":\"sideways\"}", "invalidValue");
        // Groups have members but cannot sort by them.
        expect(client, "{\"sortBy\":\"members\"}", "invalidValue");
    }

    private static void expect(ScimClient as, String request, String scimType) {
        as.post("/.search", request).expectStatus().isBadRequest().expectBody().jsonPath("$.scimType").isEqualTo(scimType);
    }
}
