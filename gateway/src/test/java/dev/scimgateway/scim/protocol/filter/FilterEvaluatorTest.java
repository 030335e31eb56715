package dev.scimgateway.scim.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.ScimType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FilterEvaluatorTest {

    private static final JsonNode USER = JsonMapper.builder().build().readTree("""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "id": "2819c223-7f76-453a-919d-413861904646",
              "externalId": "AbC",
              "UserName": "Jane@Example.com",
              "displayName": "",
              "active": true,
              "age": 42,
              "score": 7.5,
              "name": { "givenName": "Jane", "familyName": "Doe" },
              "emails": [
                { "value": "jane@acme.com", "type": "work", "primary": true },
                { "value": "jane@home.org", "type": "home" }
              ],
              "tags": ["Blue", "green"],
              "nickName": null,
              "members": [],
              "meta": { "lastModified": "2011-05-13T06:42:34+02:00", "resourceType": "User" },
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                "employeeNumber": "701984",
                "manager": { "value": "26118915" }
              }
            }
            """);

    static Stream<Arguments> cases() {
        return Stream.of(
                // case-insensitive property names and caseExact=false values
                arguments("userName eq \"jane@example.com\"", true),
                arguments("USERNAME sw \"JANE\"", true),
                arguments("userName ew \"example.COM\"", true),
                arguments("userName co \"@ex\"", true),
                arguments("userName ne \"jane@example.com\"", false),
                // caseExact=true
                arguments("externalId eq \"AbC\"", true),
                arguments("externalId eq \"abc\"", false),
                arguments("externalId ne \"abc\"", true),
                arguments("id sw \"2819C\"", false),
                // strings ordered lexicographically
                arguments("userName gt \"jane\"", true),
                arguments("userName lt \"jane\"", false),
                // numbers and booleans
                arguments("age eq 42", true),
                arguments("age eq 42.0", true),
                arguments("age ge 43", false),
                arguments("score gt 7.25", true),
                arguments("score le 7.5", true),
                arguments("active eq true", true),
                arguments("active ne true", false),
                arguments("active eq false", false),
                // dateTime compares instants across offsets
                arguments("meta.lastModified eq \"2011-05-13T04:42:34Z\"", true),
                arguments("meta.lastModified gt \"2011-05-13T04:42:33Z\"", true),
                arguments("meta.lastModified lt \"2011-05-13T04:42:34Z\"", false),
                arguments("meta.lastModified le \"2011-05-13T04:42:34.000Z\"", true),
                arguments("meta.lastModified sw \"2011-05-13\"", true),
                // presence
                arguments("title pr", false),
                arguments("nickName pr", false),
                arguments("displayName pr", false),
                arguments("members pr", false),
                arguments("emails pr", true),
                arguments("name pr", true),
                arguments("name.givenName pr", true),
                arguments("title eq null", true),
                arguments("nickName eq null", true),
                arguments("userName eq null", false),
                arguments("userName ne null", true),
                // multi-valued: any element
                arguments("emails.value ew \"home.org\"", true),
                arguments("emails.type eq \"other\"", false),
                arguments("emails co \"acme\"", true),
                arguments("tags eq \"blue\"", false),
                arguments("tags eq \"Blue\"", true),
                // value paths
                arguments("emails[type eq \"work\" and value co \"@acme.com\"]", true),
                arguments("emails[type eq \"home\" and value co \"@acme.com\"]", false),
                arguments("emails[TYPE eq \"WORK\"]", true),
                arguments("emails[primary eq true and not (type eq \"home\")]", true),
                arguments("emails[type eq \"work\"].value eq \"jane@acme.com\"", true),
                arguments("tags[value eq \"green\"]", true),
                arguments("name[givenName eq \"jane\"]", true),
                // extension attributes by URN, core URN falls back to the top level
                arguments("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"", true),
                arguments("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915\"", true),
                arguments("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"jane@example.com\"", true),
                // logic
                arguments("active eq true and (age lt 18 or emails[type eq \"work\"])", true),
                arguments("not (active eq true) or age lt 18", false),
                // unknown attributes compare by JSON type and never match when absent
                arguments("schemas eq \"urn:ietf:params:scim:schemas:core:2.0:User\"", true),
                arguments("unknown eq \"x\"", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void evaluates(String filter, boolean expected) {
        assertThat(FilterEvaluator.matches(FilterParser.parse(filter), USER, TestTraits.user())).isEqualTo(expected);
    }

    static Stream<Arguments> invalidComparisons() {
        return Stream.of(
                arguments("active gt true", "'active'"),
                arguments("active co true", "'active'"),
                arguments("active eq 1", "'active'"),
                arguments("age co 4", "'age'"),
                arguments("age eq \"42\"", "'age'"),
                arguments("photo gt \"abc\"", "'photo'"),
                arguments("meta.lastModified gt \"yesterday\"", "ISO-8601"),
                arguments("userName gt null", "null"),
                arguments("name eq \"x\"", "'name'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidComparisons")
    void rejectsComparisonsTheTypeDoesNotAllow(String filter, String named) {
        assertThatThrownBy(() -> FilterEvaluator.matches(FilterParser.parse(filter), USER, TestTraits.user()))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.scimType()).isEqualTo(ScimType.INVALID_FILTER);
                    assertThat(e.detail()).contains(named);
                });
    }

    @Test
    void selectsArrayElementsForPatch() {
        Filter inner = ((ValuePath) FilterParser.parse("emails[type eq \"work\"]")).inner();
        JsonNode emails = USER.get("emails");
        assertThat(FilterEvaluator.matchesElement(inner, emails.get(0), AttrPath.of("emails"), TestTraits.user())).isTrue();
        assertThat(FilterEvaluator.matchesElement(inner, emails.get(1), AttrPath.of("emails"), TestTraits.user())).isFalse();
    }

    @Test
    void caseExactFollowsTheTraits() {
        Filter filter = FilterParser.parse("userName eq \"jane@example.com\"");
        TestTraits exact = TestTraits.user().add("userName", dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind.STRING, true, false);
        assertThat(FilterEvaluator.matches(filter, USER, TestTraits.user())).isTrue();
        assertThat(FilterEvaluator.matches(filter, USER, exact)).isFalse();
    }
}
