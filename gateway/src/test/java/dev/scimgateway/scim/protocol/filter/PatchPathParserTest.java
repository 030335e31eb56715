package dev.scimgateway.scim.protocol.filter;

import static dev.scimgateway.scim.protocol.filter.Trees.*;
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

class PatchPathParserTest {

    static Stream<Arguments> validPaths() {
        return Stream.of(
                arguments("userName", PatchPath.of(AttrPath.of("userName"))),
                arguments("name.givenName", PatchPath.of(AttrPath.of("name", "givenName"))),
                arguments("members", PatchPath.of(AttrPath.of("members"))),
                arguments(ENTERPRISE + ":employeeNumber",
                        PatchPath.of(new AttrPath(ENTERPRISE, "employeeNumber", null))),
                arguments(ENTERPRISE + ":manager.value",
                        PatchPath.of(new AttrPath(ENTERPRISE, "manager", "value"))),
                arguments(ENTERPRISE, PatchPath.wholeSchema(ENTERPRISE)),
                arguments(CORE_USER + ":userName", PatchPath.of(new AttrPath(CORE_USER, "userName", null))),
                arguments("members[value eq \"2819c223\"]",
                        new PatchPath(AttrPath.of("members"), eq("value", "2819c223"), null)),
                arguments("emails[type eq \"work\"].value",
                        new PatchPath(AttrPath.of("emails"), eq("type", "work"), "value")),
                arguments("addresses[type eq \"work\" and primary eq true].streetAddress",
                        new PatchPath(AttrPath.of("addresses"),
                                and(eq("type", "work"), cmp("primary", CompareOp.EQ, bool(true))), "streetAddress")),
                arguments(CORE_USER + ":emails[type eq \"work\"].display",
                        new PatchPath(new AttrPath(CORE_USER, "emails", null), eq("type", "work"), "display")),
                arguments("members[$ref pr].$ref", new PatchPath(AttrPath.of("members"), pr("$ref"), "$ref")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPaths")
    void parsesToTheExpectedPath(String text, PatchPath expected) {
        assertThat(PatchPathParser.parse(text)).isEqualTo(expected);
    }

    @Test
    void wholeSchemaPathIsRecognisable() {
        PatchPath path = PatchPathParser.parse(ENTERPRISE);
        assertThat(path.isWholeSchema()).isTrue();
        assertThat(path.attribute().schemaUrn()).isEqualTo(ENTERPRISE);
        assertThat(path.toString()).isEqualTo(ENTERPRISE);
        assertThat(PatchPathParser.parse(ENTERPRISE + ":employeeNumber").isWholeSchema()).isFalse();
    }

    @Test
    void callerKnowledgeDecidesUnversionedUrns() {
        String urn = "urn:acme:User";
        assertThat(PatchPathParser.parse(urn)).isEqualTo(PatchPath.of(new AttrPath("urn:acme", "User", null)));
        assertThat(PatchPathParser.parse(urn, urn::equalsIgnoreCase)).isEqualTo(PatchPath.wholeSchema(urn));
    }

    @Test
    void printsBack() {
        String text = "emails[type eq \"work\"].value";
        assertThat(PatchPathParser.parse(text).toString()).isEqualTo(text);
    }

    static Stream<Arguments> invalidPaths() {
        return Stream.of(
                arguments("", 0, "empty"),
                arguments("[type eq \"work\"]", 0, "expected an attribute name"),
                arguments("emails[type eq \"work\"", 21, "']' to close the '[' at position 6"),
                arguments("emails[type equals \"work\"]", 12, "expected a comparison operator"),
                arguments("emails[type eq \"work\"].", 23, "expected an attribute name"),
                arguments("emails[type eq \"work\"]x", 22, "expected the end of the path but found 'x'"),
                arguments("name.givenName[value pr]", 14, "must follow an attribute"),
                arguments("emails[type[value pr]]", 11, "cannot be nested"),
                arguments("user name", 5, "expected the end of the path"),
                arguments("emails[type eq \"work\"].value.x", 28, "'.' is not allowed"),
                arguments("emails[" + String.join(" or ", java.util.Collections.nCopies(1001, "type pr")) + "]",
                        7 + 1000 * "type pr or ".length(), "more than 1000 comparisons"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPaths")
    void rejectsWithInvalidPath(String text, int position, String reason) {
        assertThatThrownBy(() -> PatchPathParser.parse(text))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.scimType()).isEqualTo(ScimType.INVALID_PATH);
                    assertThat(e.detail()).startsWith("Invalid path at position " + position + ": ").contains(reason);
                });
    }
}
