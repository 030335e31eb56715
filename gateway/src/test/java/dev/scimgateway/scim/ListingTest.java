package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** Sorting, RFC 9865 cursor paging and POST /.search over real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingTest extends GatewayTest {

    private ScimClient client;
    private final List<String> created = new ArrayList<>();

    @BeforeAll
    void users() {
        client = newScimClient("listing");
        String[] families = {"Young", "adams", "Baker", "baker", "Zed"};
        for (int i = 0; i < 25; i++) {
            String userName = String.format("u%02d@example.com", 24 - i);
            client.post("/Users", """
                    {"userName":"%s","name":{"familyName":"%s"},"emails":[{"value":"x%02d@example.com"},
                     {"value":"p%02d@example.com","primary":true}]}""".formatted(userName, families[i % 5], i, 24 - i))
                    .expectStatus().isCreated();
            created.add(userName);
        }
    }

    private List<String> userNames(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("Resources").forEach(user -> names.add(user.get("userName").stringValue()));
        return names;
    }

    /**
     * A filtered page that is not full is its own total (no count statement is sent for it); a full
     * page, or an empty one past the first, still gets the total counted.
     */
    @Test
    void aFilteredListTellsItsTotalOnEveryPage() {
        String baker = "/Users?filter=name.familyName%20eq%20%22baker%22";
        assertThat(total(baker + "&count=100")).isEqualTo(10);
        assertThat(total(baker + "&count=4")).isEqualTo(10);
        assertThat(total(baker + "&startIndex=9&count=4")).isEqualTo(10);
        assertThat(total(baker + "&startIndex=11&count=4")).isEqualTo(10);
        assertThat(total("/Users?filter=userName%20eq%20%22u07@example.com%22")).isEqualTo(1);
        assertThat(total("/Users?filter=userName%20eq%20%22nobody@example.com%22")).isZero();
        JsonNode cursor = body(client.get(baker + "&cursor&count=100").expectStatus().isOk());
        assertThat(cursor.get("totalResults").asInt()).isEqualTo(10);
        assertThat(cursor.has("nextCursor")).isFalse();
    }

    private int total(String path) {
        JsonNode page = body(client.get(path).expectStatus().isOk());
        assertThat(page.get("itemsPerPage").asInt()).isEqualTo(page.path("Resources").size());
        return page.get("totalResults").asInt();
    }

    @Test
    void sortsAscendingAndDescendingWithAStableTieBreaker() {
        List<String> ascending = userNames(body(client.get("/Users?sortBy=userName&count=100").expectStatus().isOk()));
        assertThat(ascending).isSorted().hasSize(25);
        List<String> descending = userNames(body(client.get("/Users?sortBy=userName&sortOrder=descending&count=100")
                .expectStatus().isOk()));
        List<String> reversed = new ArrayList<>(ascending);
        java.util.Collections.reverse(reversed);
        assertThat(descending).containsExactlyElementsOf(reversed);

        // Family names tie (and differ only in case): the tie-breaker keeps creation order, page after page.
        List<String> byFamily = new ArrayList<>();
        for (int start = 1; start <= 25; start += 7) {
            byFamily.addAll(userNames(body(client.get("/Users?sortBy=name.familyName&startIndex=" + start + "&count=7")
                    .expectStatus().isOk())));
        }
        assertThat(byFamily).hasSize(25).doesNotHaveDuplicates();
        assertThat(byFamily.subList(0, 5)).containsExactly(created.get(1), created.get(6), created.get(11),
                created.get(16), created.get(21));

        // A multi-valued attribute sorts by its primary value.
        List<String> byEmail = userNames(body(client.get("/Users?sortBy=emails&count=100").expectStatus().isOk()));
        assertThat(byEmail).containsExactlyElementsOf(ascending);
    }

    @Test
    void rejectsUnknownSortAttributesAndOrders() {
        client.get("/Users?sortBy=nosuch").expectStatus().isBadRequest().expectBody().jsonPath("$.scimType")
                .isEqualTo("invalidValue");
        client.get("/Users?sortBy=userName&sortOrder=sideways").expectStatus().isBadRequest();
    }

    @Test
    void cursorPagingVisitsEveryUserOnce() {
        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        while (cursor != null) {
            JsonNode page = body(client.get("/Users?count=10&cursor=" + cursor).expectStatus().isOk());
            assertThat(page.get("totalResults").asInt()).isEqualTo(25);
            assertThat(page.has("startIndex")).isFalse();
            seen.addAll(userNames(page));
            cursor = page.has("nextCursor") ? page.get("nextCursor").stringValue() : null;
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    /**
     * The total is counted on the first page and carried by the cursor, so no later page counts
     * the whole listing again; a user created during the walk still shows up at its end.
     */
    @Test
    void aCursorWalkCountsItsTotalOnceAndStillSeesLaterCreates() {
        ScimClient walker = newScimClient("walk");
        for (int i = 0; i < 5; i++) {
            walker.post("/Users", "{\"userName\":\"w" + i + "@example.com\"}").expectStatus().isCreated();
        }
        JsonNode first = body(walker.get("/Users?count=2&cursor=").expectStatus().isOk());
        assertThat(first.get("totalResults").asInt()).isEqualTo(5);
        walker.post("/Users", "{\"userName\":\"late@example.com\"}").expectStatus().isCreated();
        List<String> seen = new ArrayList<>(userNames(first));
        String cursor = first.get("nextCursor").stringValue();
        while (cursor != null) {
            JsonNode page = body(walker.get("/Users?count=2&cursor=" + cursor).expectStatus().isOk());
            assertThat(page.get("totalResults").asInt()).isEqualTo(5);
            seen.addAll(userNames(page));
            cursor = page.has("nextCursor") ? page.get("nextCursor").stringValue() : null;
        }
        assertThat(seen).hasSize(6).endsWith("late@example.com");
        walker.get("/Users?count=0").expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(6);
    }

    @Test
    void cursorsAreTamperProofAndBoundToTenantAndQuery() {
        String next = body(client.get("/Users?count=5&cursor=").expectStatus().isOk()).get("nextCursor").stringValue();
        char flipped = next.charAt(3) == 'A' ? 'B' : 'A';
        String tampered = next.substring(0, 3) + flipped + next.substring(4);
        client.get("/Users?count=5&cursor=" + tampered).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.scimType").isEqualTo("invalidCursor");
        client.get("/Users?count=5&cursor=not-a-cursor").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.scimType").isEqualTo("invalidCursor");
        client.get("/Users?count=5&filter=userName%20sw%20%22u%22&cursor=" + next).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.scimType").isEqualTo("invalidCursor");
        newScimClient("other").get("/Users?count=5&cursor=" + next).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.scimType").isEqualTo("invalidCursor");
        client.get("/Users?count=100000&cursor=").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.scimType").isEqualTo("invalidCount");
        client.get("/Users?count=5&cursor=&startIndex=2").expectStatus().isBadRequest();
    }

    @Test
    void searchesWithPost() {
        JsonNode page = body(client.post("/Users/.search", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "filter":"userName sw \\"u0\\"","sortBy":"userName","sortOrder":"descending",
                 "attributes":["userName"],"startIndex":1,"count":3}""").expectStatus().isOk());
        assertThat(page.get("totalResults").asInt()).isEqualTo(10);
        assertThat(userNames(page)).containsExactly("u09@example.com", "u08@example.com", "u07@example.com");
        assertThat(page.at("/Resources/0/emails").isMissingNode()).isTrue();
        client.post("/Groups/.search", "{\"filter\":\"displayName pr\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(0);
        client.post("/Users/.search", "{\"filter\":\"userName zz \\\"x\\\"\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.scimType").isEqualTo("invalidFilter");
    }

    @Test
    void paginationIsAdvertised() {
        JsonNode config = body(client.get("/ServiceProviderConfig").expectStatus().isOk());
        assertThat(config.at("/pagination/cursor").booleanValue()).isTrue();
        assertThat(config.at("/pagination/index").booleanValue()).isTrue();
        assertThat(config.at("/pagination/defaultPaginationMethod").stringValue()).isEqualTo("index");
        assertThat(config.at("/sort/supported").booleanValue()).isTrue();
    }

    @Test
    void searchesUsersAndGroupsAtTheRoot() {
        client.post("/Groups", "{\"displayName\":\"Root group\"}").expectStatus().isCreated();
        JsonNode onlyUsers = body(client.post("/.search", "{\"filter\":\"userName sw \\\"u0\\\"\",\"count\":5}")
                .expectStatus().isOk());
        assertThat(onlyUsers.get("totalResults").asInt()).isEqualTo(10);
        assertThat(onlyUsers.get("Resources")).hasSize(5);
        JsonNode onlyGroups = body(client.post("/.search", "{\"filter\":\"displayName sw \\\"Root\\\"\"}")
                .expectStatus().isOk());
        assertThat(onlyGroups.get("totalResults").asInt()).isEqualTo(1);
        assertThat(onlyGroups.at("/Resources/0/displayName").stringValue()).isEqualTo("Root group");
        JsonNode across = body(client.post("/.search", "{\"startIndex\":24,\"count\":3}").expectStatus().isOk());
        assertThat(across.get("totalResults").asInt()).isEqualTo(26);
        assertThat(across.get("Resources")).hasSize(3);
        assertThat(across.at("/Resources/2/displayName").stringValue()).isEqualTo("Root group");
        client.post("/.search", "{\"filter\":\"nosuch pr\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.scimType").isEqualTo("invalidFilter");
        client.post("/.search", "{\"sortBy\":\"userName\",\"count\":1}").expectStatus().isOk()
                .expectBody().jsonPath("$.Resources[0].userName").isEqualTo("u00@example.com");
    }
}
