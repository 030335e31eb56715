package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Filters become SQL over real PostgreSQL: each case lists the users it must match, and only those. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterQueryTest extends GatewayTest {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private ScimClient client;
    private Instant between;

    @BeforeAll
    void users() throws InterruptedException {
        client = newScimClient("filters");
        create("ann@acme.com", "Ann", "Lee", true, "work", "E1", "ann-ext");
        create("bob@acme.com", "Bob", "Stone", false, "home", "E2", "bob-ext");
        Thread.sleep(50);
        between = Instant.now();
        Thread.sleep(50);
        create("Carol@Example.org", "Carol", "Lee", true, "work", "E3", "CAROL-EXT");
        client.post("/Groups", "{\"displayName\":\"Engineering\",\"externalId\":\"eng\"}").expectStatus().isCreated();
    }

    private void create(String userName, String given, String family, boolean active, String emailType, String employee,
            String externalId) {
        client.post("/Users", """
                {"userName":"%s","externalId":"%s","active":%s,"displayName":"%s %s",
                 "name":{"givenName":"%s","familyName":"%s"},
                 "emails":[{"value":"%s","type":"%s","primary":true}],
                 "%s":{"employeeNumber":"%s"}}""".formatted(userName, externalId, active, given, family, given, family,
                userName.toLowerCase(), emailType, ENTERPRISE, employee)).expectStatus().isCreated();
    }

    Stream<Arguments> userFilters() {
        return Stream.of(
                Arguments.of("userName eq \"ANN@ACME.COM\"", List.of("ann@acme.com")),
                Arguments.of("userName ne \"ann@acme.com\"", List.of("bob@acme.com", "Carol@Example.org")),
                Arguments.of("userName co \"acme\"", List.of("ann@acme.com", "bob@acme.com")),
                Arguments.of("userName sw \"car\"", List.of("Carol@Example.org")),
                Arguments.of("userName ew \".ORG\"", List.of("Carol@Example.org")),
                Arguments.of("userName co \"%\"", List.of()),
                Arguments.of("userName gt \"b\"", List.of("bob@acme.com", "Carol@Example.org")),
                Arguments.of("externalId eq \"carol-ext\"", List.of()),
                Arguments.of("externalId eq \"CAROL-EXT\"", List.of("Carol@Example.org")),
                Arguments.of("active eq false", List.of("bob@acme.com")),
                Arguments.of("displayName eq \"ann lee\"", List.of("ann@acme.com")),
                Arguments.of("name.familyName eq \"lee\"", List.of("ann@acme.com", "Carol@Example.org")),
                Arguments.of("name.givenName pr", List.of("ann@acme.com", "bob@acme.com", "Carol@Example.org")),
                Arguments.of("nickName pr", List.of()),
                Arguments.of("emails.value eq \"BOB@ACME.COM\"", List.of("bob@acme.com")),
                Arguments.of("emails co \"example\"", List.of("Carol@Example.org")),
                Arguments.of("emails[type eq \"work\" and value co \"acme\"]", List.of("ann@acme.com")),
                Arguments.of("emails[type eq \"home\"] or active eq false", List.of("bob@acme.com")),
                Arguments.of(ENTERPRISE + ":employeeNumber eq \"E2\"", List.of("bob@acme.com")),
                Arguments.of("userName co \"acme\" and not (active eq false)", List.of("ann@acme.com")),
                Arguments.of("(userName sw \"a\" or userName sw \"b\") and name.familyName eq \"Stone\"",
                        List.of("bob@acme.com")),
                Arguments.of("userName eq \"x\" or userName eq \"y\" or active eq true", List.of("ann@acme.com",
                        "Carol@Example.org")),
                Arguments.of("id eq \"not-a-uuid\"", List.of()),
                Arguments.of("meta.created gt \"{between}\"", List.of("Carol@Example.org")),
                Arguments.of("meta.lastModified le \"{between}\"", List.of("ann@acme.com", "bob@acme.com")));
    }

    @ParameterizedTest
    @MethodSource("userFilters")
    void userFilterMatchesExactlyTheExpectedUsers(String filter, List<String> expected) {
        JsonNode page = body(client.get("/Users?count=50&filter=" + encode(filter.replace("{between}", between.toString())))
                .expectStatus().isOk());
        List<String> names = new ArrayList<>();
        page.get("Resources").forEach(user -> names.add(user.get("userName").stringValue()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(page.get("totalResults").asInt()).isEqualTo(expected.size());
    }

    @ParameterizedTest
    @MethodSource("groupFilters")
    void groupFilters(String filter, int expected) {
        client.get("/Groups?excludedAttributes=members&filter=" + encode(filter)).expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(expected);
    }

    Stream<Arguments> groupFilters() {
        return Stream.of(
                Arguments.of("displayName eq \"engineering\"", 1),
                Arguments.of("externalId eq \"eng\"", 1),
                Arguments.of("members pr", 0),
                Arguments.of("displayName sw \"Eng\" and not (members pr)", 1));
    }

    private static String encode(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
