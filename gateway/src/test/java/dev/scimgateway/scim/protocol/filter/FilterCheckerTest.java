package dev.scimgateway.scim.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.ScimType;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterCheckerTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "userName eq \"x\"",
            "USERNAME sw \"x\" and active eq true",
            "age gt 3 or score le 2.5",
            "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
            "meta.lastModified sw \"2011\"",
            "emails[type eq \"work\" and value co \"@acme.com\"]",
            "emails co \"acme\"",
            "emails.value pr",
            "name.givenName eq \"Jane\" and not (displayName eq null)",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"1\"",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"1\"",
            "members[$ref pr]",
            "tags[value eq \"x\"]",
            "active ne null",
            "photo eq \"aGk=\""
    })
    void acceptsValidFilters(String filter) {
        Filter parsed = FilterParser.parse(filter);
        assertThat(FilterChecker.check(parsed, TestTraits.user())).isSameAs(parsed);
    }

    static Stream<Arguments> invalidFilters() {
        return Stream.of(
                arguments("foo eq \"x\"", "Unknown attribute 'foo' in filter"),
                arguments("name.middle pr", "Unknown attribute 'name.middle'"),
                arguments("emails[kind eq \"x\"]", "Unknown attribute 'emails.kind'"),
                arguments("active gt true", "'active'"),
                arguments("active co \"t\"", "'active'"),
                arguments("active eq \"true\"", "'active' is of type boolean"),
                arguments("age eq \"3\"", "'age' is of type integer"),
                arguments("age eq 3.5", "'age' is of type integer"),
                arguments("score sw 1", "'score'"),
                arguments("userName eq 3", "'userName' is of type string"),
                arguments("meta.lastModified gt \"last week\"", "'meta.lastModified' is a dateTime"),
                arguments("meta.lastModified eq 3", "dateTime"),
                arguments("photo lt \"a\"", "'photo'"),
                arguments("name eq \"x\"", "'name' is complex"),
                arguments("userName[value eq \"x\"]", "neither multi-valued nor complex"),
                arguments("userName lt null", "null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFilters")
    void rejectsNamingTheOffendingPart(String filter, String message) {
        assertThatThrownBy(() -> FilterChecker.check(FilterParser.parse(filter), TestTraits.user()))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.scimType()).isEqualTo(ScimType.INVALID_FILTER);
                    assertThat(e.detail()).contains(message);
                });
    }
}
