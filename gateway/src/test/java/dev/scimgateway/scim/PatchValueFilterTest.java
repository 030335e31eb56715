package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * PATCH paths that select values of a multi-valued attribute by a filter (RFC 7644 §3.5.2): a
 * replace changes the values it selects and, when it selects none, fails with 400 noTarget
 * (§3.5.2.3) leaving the resource as it was; an add sets the values it selects or adds the one its
 * filter names (§3.5.2.1). Every multi-valued core attribute, and a group's members.
 */
class PatchValueFilterTest extends GatewayTest {

    private static final String PATCH = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[%s]}";

    /** attribute, the sub-attribute a value is kept in, two types, their values, and new values. */
    static Stream<Arguments> multiValued() {
        return Stream.of(
                Arguments.of("emails", "value", "work", "home", "w@example.com", "h@example.com", "n@example.com"),
                Arguments.of("phoneNumbers", "value", "work", "mobile", "+1 555 0100", "+1 555 0101", "+1 555 0199"),
                Arguments.of("ims", "value", "xmpp", "skype", "ann@jabber.example", "ann.skype", "ann@im.example"),
                Arguments.of("photos", "value", "photo", "thumbnail", "https://photos.example.com/a.jpg",
                        "https://photos.example.com/a-small.jpg", "https://photos.example.com/b.jpg"),
                Arguments.of("addresses", "streetAddress", "work", "home", "1 Main St", "2 Elm St", "3 Oak Ave"),
                Arguments.of("entitlements", "value", "license", "badge", "E3", "blue", "E5"),
                Arguments.of("roles", "value", "app", "org", "reader", "staff", "writer"),
                Arguments.of("x509Certificates", "value", "signing", "encryption", "AAECAw==", "BAUGBw==", "CAkKCw=="));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiValued")
    void replaceWithAValueFilterChangesTheSelectedValue(String attribute, String sub, String type, String otherType,
            String value, String otherValue, String newValue) {
        ScimClient c = newScimClient("vf-" + attribute.toLowerCase());
        String id = body(c.post("/Users", """
                {"userName":"vf@example.com","%s":[{"type":"%s","%s":"%s"},{"type":"%s","%s":"%s"}]}"""
                .formatted(attribute, type, sub, value, otherType, sub, otherValue)).expectStatus().isCreated())
                .get("id").stringValue();

        c.patch("/Users/" + id, PATCH.formatted(operation("replace", attribute + "[type eq \\\"" + type + "\\\"]." + sub,
                newValue))).expectStatus().isNoContent();
        assertThat(valuesOf(c, id, attribute, sub)).containsExactly(type + "=" + newValue, otherType + "=" + otherValue);

        // The same value selected by the value itself.
        c.patch("/Users/" + id, PATCH.formatted(operation("replace", attribute + "[" + sub + " eq \\\"" + newValue
                + "\\\"]." + sub, value))).expectStatus().isNoContent();
        assertThat(valuesOf(c, id, attribute, sub)).containsExactly(type + "=" + value, otherType + "=" + otherValue);

        // A filter that selects nothing: no target, and nothing changed.
        JsonNode before = body(c.get("/Users/" + id).expectStatus().isOk());
        c.patch("/Users/" + id, PATCH.formatted(operation("replace", attribute + "[type eq \\\"other\\\"]." + sub,
                        newValue)))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.scimType").isEqualTo("noTarget").jsonPath("$.detail").isNotEmpty();
        assertThat(body(c.get("/Users/" + id).expectStatus().isOk())).isEqualTo(before);

        // An add with that filter adds the value it names.
        c.patch("/Users/" + id, PATCH.formatted(operation("add", attribute + "[type eq \\\"other\\\"]." + sub, newValue)))
                .expectStatus().isNoContent();
        assertThat(valuesOf(c, id, attribute, sub))
                .containsExactly(type + "=" + value, otherType + "=" + otherValue, "other=" + newValue);
    }

    @Test
    void aReplaceWhoseFilterMatchesNothingHasNoTargetEvenWithoutValues() {
        ScimClient c = newScimClient("vf-empty");
        String id = body(c.post("/Users", "{\"userName\":\"bare@example.com\"}").expectStatus().isCreated())
                .get("id").stringValue();

        c.patch("/Users/" + id, PATCH.formatted(operation("replace", "phoneNumbers[type eq \\\"work\\\"].value", "+1 555")))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.scimType").isEqualTo("noTarget");
        // A filter that names no single value cannot be added either.
        c.patch("/Users/" + id, PATCH.formatted(operation("add", "phoneNumbers[value co \\\"555\\\"].display", "Desk")))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.scimType").isEqualTo("noTarget");
        assertThat(body(c.get("/Users/" + id).expectStatus().isOk()).has("phoneNumbers")).isFalse();
    }

    @Test
    void replaceOfAMemberSelectedByFilterSwapsTheMember() {
        ScimClient c = newScimClient("vf-members");
        String a = c.createUser("a@example.com");
        String b = c.createUser("b@example.com");
        String outsider = c.createUser("c@example.com");
        String group = body(c.post("/Groups", """
                {"displayName":"Swap","members":[{"value":"%s"}]}""".formatted(a)).expectStatus().isCreated())
                .get("id").stringValue();

        c.patch("/Groups/" + group, PATCH.formatted("{\"op\":\"replace\",\"path\":\"members[value eq \\\"" + a + "\\\"]\","
                + "\"value\":{\"value\":\"" + b + "\"}}")).expectStatus().isNoContent();
        assertThat(memberIds(c, group)).containsExactly(b);

        JsonNode before = body(c.get("/Groups/" + group).expectStatus().isOk());
        c.patch("/Groups/" + group, PATCH.formatted("{\"op\":\"replace\",\"path\":\"members[value eq \\\"" + outsider + "\\\"]\","
                        + "\"value\":{\"value\":\"" + a + "\"}}"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.scimType").isEqualTo("noTarget").jsonPath("$.detail").isNotEmpty();
        assertThat(body(c.get("/Groups/" + group).expectStatus().isOk())).isEqualTo(before);
    }

    @Test
    void removeOfAGroupsSimpleAttributeAnswersLikeAnyPatch() {
        ScimClient c = newScimClient("vf-group-attr");
        String group = body(c.post("/Groups", "{\"displayName\":\"Tagged\",\"externalId\":\"ext-1\"}")
                .expectStatus().isCreated()).get("id").stringValue();
        String user = c.createUser("tagged@example.com");
        c.patch("/Users/" + user, PATCH.formatted("{\"op\":\"remove\",\"path\":\"externalId\"}")).expectStatus().isNoContent();

        c.patch("/Groups/" + group, PATCH.formatted("{\"op\":\"remove\",\"path\":\"externalId\"}")).expectStatus().isNoContent();

        assertThat(body(c.get("/Groups/" + group).expectStatus().isOk()).has("externalId")).isFalse();
        c.get("/Groups?filter=externalId%20eq%20%22ext-1%22").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(0);
    }

    private static String operation(String op, String path, String value) {
        return "{\"op\":\"" + op + "\",\"path\":\"" + path + "\",\"value\":\"" + value + "\"}";
    }

    /** type=value of each of the user's values of the attribute, in stored order. */
    private static List<String> valuesOf(ScimClient c, String id, String attribute, String sub) {
        List<String> values = new ArrayList<>();
        body(c.get("/Users/" + id).expectStatus().isOk()).path(attribute)
                .forEach(value -> values.add(value.path("type").asString() + "=" + value.path(sub).asString()));
        return values;
    }

    private static List<String> memberIds(ScimClient c, String group) {
        List<String> ids = new ArrayList<>();
        body(c.get("/Groups/" + group).expectStatus().isOk()).path("members").forEach(m -> ids.add(m.path("value").asString()));
        return ids;
    }
}
