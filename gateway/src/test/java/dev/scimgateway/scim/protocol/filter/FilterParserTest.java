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

class FilterParserTest {

    static Stream<Arguments> validFilters() {
        return Stream.of(
                // every operator
                arguments("userName eq \"bjensen\"", eq("userName", "bjensen")),
                arguments("title ne \"boss\"", cmp("title", CompareOp.NE, str("boss"))),
                arguments("name.familyName co \"O'Malley\"", cmp("name.familyName", CompareOp.CO, str("O'Malley"))),
                arguments("userName sw \"J\"", cmp("userName", CompareOp.SW, str("J"))),
                arguments("userName ew \"son\"", cmp("userName", CompareOp.EW, str("son"))),
                arguments("meta.lastModified gt \"2011-05-13T04:42:34Z\"",
                        cmp("meta.lastModified", CompareOp.GT, str("2011-05-13T04:42:34Z"))),
                arguments("meta.lastModified ge \"2011-05-13T04:42:34Z\"",
                        cmp("meta.lastModified", CompareOp.GE, str("2011-05-13T04:42:34Z"))),
                arguments("meta.lastModified lt \"2011-05-13T04:42:34Z\"",
                        cmp("meta.lastModified", CompareOp.LT, str("2011-05-13T04:42:34Z"))),
                arguments("meta.lastModified le \"2011-05-13T04:42:34Z\"",
                        cmp("meta.lastModified", CompareOp.LE, str("2011-05-13T04:42:34Z"))),
                arguments("title pr", pr("title")),
                // literals
                arguments("active eq true", cmp("active", CompareOp.EQ, bool(true))),
                arguments("active eq false", cmp("active", CompareOp.EQ, bool(false))),
                arguments("manager eq null", cmp("manager", CompareOp.EQ, nul())),
                arguments("age gt 42", cmp("age", CompareOp.GT, num("42"))),
                arguments("age gt -0.5", cmp("age", CompareOp.GT, num("-0.5"))),
                arguments("size lt 1.5e3", cmp("size", CompareOp.LT, num("1.5e3"))),
                arguments("size lt 2E-2", cmp("size", CompareOp.LT, num("2E-2"))),
                arguments("x eq \"a\\\"b\\\\c\\/d\\n\\t\\u00e9\"", eq("x", "a\"b\\c/d\n\té")),
                arguments("x eq \"\"", eq("x", "")),
                arguments("x eq \"(and) or [not]\"", eq("x", "(and) or [not]")),
                // case-insensitive keywords and operators
                arguments("userName EQ \"a\" AND active Eq TRUE", and(eq("userName", "a"), cmp("active", CompareOp.EQ, bool(true)))),
                arguments("title PR Or NOT (x eq \"y\")", or(pr("title"), not(eq("x", "y")))),
                // precedence and associativity
                arguments("a pr or b pr and c pr", or(pr("a"), and(pr("b"), pr("c")))),
                arguments("a pr and b pr or c pr", or(and(pr("a"), pr("b")), pr("c"))),
                arguments("a pr and b pr and c pr", and(and(pr("a"), pr("b")), pr("c"))),
                arguments("a pr or b pr or c pr", or(or(pr("a"), pr("b")), pr("c"))),
                arguments("(a pr or b pr) and c pr", and(or(pr("a"), pr("b")), pr("c"))),
                arguments("a pr and (b pr or c pr)", and(pr("a"), or(pr("b"), pr("c")))),
                arguments("a pr or (b pr or c pr)", or(pr("a"), or(pr("b"), pr("c")))),
                arguments("not (a pr) and b pr", and(not(pr("a")), pr("b"))),
                arguments("not(a pr or b pr)", not(or(pr("a"), pr("b")))),
                arguments("((a pr))", pr("a")),
                arguments("  a pr  ", pr("a")),
                // RFC 7644 examples
                arguments("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
                        and(eq("userType", "Employee"), or(cmp("emails", CompareOp.CO, str("example.com")),
                                cmp("emails.value", CompareOp.CO, str("example.org"))))),
                arguments("userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
                        and(eq("userType", "Employee"), vp("emails", and(eq("type", "work"),
                                cmp("value", CompareOp.CO, str("@example.com")))))),
                arguments("emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
                        or(vp("emails", and(eq("type", "work"), cmp("value", CompareOp.CO, str("@example.com")))),
                                vp("ims", and(eq("type", "xmpp"), cmp("value", CompareOp.CO, str("@foo.com")))))),
                // value paths
                arguments("emails[type eq \"work\"]", vp("emails", eq("type", "work"))),
                arguments("emails[not (type eq \"work\") or primary eq true]",
                        vp("emails", or(not(eq("type", "work")), cmp("primary", CompareOp.EQ, bool(true))))),
                arguments("members[$ref pr]", vp("members", pr("$ref"))),
                arguments("members.$ref pr", pr("members.$ref")),
                // Entra ID: value path followed by a sub-attribute comparison
                arguments("emails[type eq \"work\"].value eq \"a@b.c\"",
                        vp("emails", and(eq("type", "work"), eq("value", "a@b.c")))),
                // URN-qualified names
                arguments(ENTERPRISE + ":employeeNumber eq \"701984\"",
                        new Compare(new AttrPath(ENTERPRISE, "employeeNumber", null), CompareOp.EQ, str("701984"))),
                arguments(ENTERPRISE + ":manager.value eq \"26118915\"",
                        new Compare(new AttrPath(ENTERPRISE, "manager", "value"), CompareOp.EQ, str("26118915"))),
                arguments(CORE_USER + ":userName eq \"x\"",
                        new Compare(new AttrPath(CORE_USER, "userName", null), CompareOp.EQ, str("x"))),
                arguments(CORE_USER + ":emails[type eq \"work\"]",
                        new ValuePath(new AttrPath(CORE_USER, "emails", null), eq("type", "work"))),
                // names are case-insensitive
                arguments("USERNAME eq \"x\"", eq("userName", "x")),
                arguments("Name.GivenName pr", pr("name.givenName")),
                // Okta and Entra ID in the wild
                arguments("userName eq \"jane@example.com\"", eq("userName", "jane@example.com")),
                arguments("externalId eq \"abc\"", eq("externalId", "abc")),
                arguments("displayName eq \"Sales\"", eq("displayName", "Sales")),
                arguments("emails[type eq \"work\" and value co \"@acme.com\"]",
                        vp("emails", and(eq("type", "work"), cmp("value", CompareOp.CO, str("@acme.com"))))),
                arguments("id eq \"2819c223-7f76-453a-919d-413861904646\"", eq("id", "2819c223-7f76-453a-919d-413861904646")),
                arguments("members[value eq \"2819c223\"]", vp("members", eq("value", "2819c223"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFilters")
    void parsesToTheExpectedTree(String text, Filter expected) {
        assertThat(FilterParser.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFilters")
    void printsWhatParsesBackToTheSameTree(String text, Filter expected) {
        assertThat(FilterParser.parse(FilterPrinter.print(expected))).isEqualTo(expected);
    }

    static Stream<Arguments> invalidFilters() {
        return Stream.of(
                arguments("userName equals \"x\"", 9, "expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) after 'userName' but found 'equals'"),
                arguments("userName = \"x\"", 9, "found '='"),
                arguments("userName eq", 11, "expected a value"),
                arguments("userName eq \"x", 12, "not closed"),
                arguments("age gt 01", 7, "not a valid JSON number"),
                arguments("age gt 1.", 7, "not a valid JSON number"),
                arguments("age gt 12abc", 7, "not a valid JSON number"),
                arguments("userName eq \"x\\q\"", 14, "'\\q' is not a JSON escape"),
                arguments("userName eq \"\\u12g4\"", 13, "unicode escape"),
                arguments("userName eq \"a\\u0000\"", 14, "a NUL character (\\u0000) cannot appear here"),
                arguments("a pr and", 8, "expected an attribute name, '(' or 'not' but found the end of the input"),
                arguments("a pr b pr", 5, "expected 'and', 'or' or the end of the filter but found 'b'"),
                arguments("(a pr", 5, "')' to close the '(' at position 0"),
                arguments("a pr)", 4, "found ')'"),
                arguments("not a pr", 4, "expected '(' after 'not'"),
                arguments("emails[type eq \"work\"", 21, "']' to close the '[' at position 6"),
                arguments("emails[type[value pr]]", 11, "cannot be nested"),
                arguments("emails[]", 7, "found ']'"),
                arguments("1userName pr", 0, "not a valid JSON number"),
                arguments("user%Name pr", 4, "found '%'"),
                arguments("name.given.x pr", 10, "'.' is not allowed in attribute name 'given.x'"),
                arguments("user_ pr and _x pr", 13, "'_' is not allowed"),
                arguments(ENTERPRISE + ": pr", ENTERPRISE.length() + 1, "expected an attribute name"),
                arguments("", 0, "empty"),
                arguments("   ", 0, "empty"),
                arguments("a.b.c pr", 3, "'.' is not allowed in attribute name 'b.c'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFilters")
    void rejectsWithPositionAndReason(String text, int position, String reason) {
        assertThatThrownBy(() -> FilterParser.parse(text))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.scimType()).isEqualTo(ScimType.INVALID_FILTER);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.detail()).startsWith("Invalid filter at position " + position + ": ")
                            .contains(reason);
                });
    }

    @Test
    void refusesOverlongFilters() {
        String text = "userName eq \"" + "x".repeat(70_000) + "\"";
        assertThatThrownBy(() -> FilterParser.parse(text))
                .isInstanceOfSatisfying(ScimException.class,
                        e -> assertThat(e.detail()).contains("longer than the maximum of 65536"));
    }

    @Test
    void refusesDeepNestingWithoutStackOverflow() {
        String text = "(".repeat(2000) + "a pr" + ")".repeat(2000);
        assertThatThrownBy(() -> FilterParser.parse(text))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.scimType()).isEqualTo(ScimType.INVALID_FILTER);
                    assertThat(e.detail()).contains("position 50").contains("nested deeper than 50");
                });
        String nots = "not (".repeat(1000) + "a pr" + ")".repeat(1000);
        assertThatThrownBy(() -> FilterParser.parse(nots)).isInstanceOf(ScimException.class);
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String text = "(".repeat(50) + "a pr" + ")".repeat(50);
        assertThat(FilterParser.parse(text)).isEqualTo(pr("a"));
    }

    /** Raw NULs, as %00 in a query string decodes: kept out of the table, whose rows name the tests. */
    @Test
    void refusesRawNulCharactersWithTheirPosition() {
        for (String text : java.util.List.of("userName eq \"a\0\"", "displayName eq a\0", "userName\0 pr")) {
            assertThatThrownBy(() -> FilterParser.parse(text))
                    .isInstanceOfSatisfying(ScimException.class, e -> {
                        assertThat(e.scimType()).isEqualTo(ScimType.INVALID_FILTER);
                        assertThat(e.detail()).startsWith("Invalid filter at position " + text.indexOf('\0') + ": ")
                                .contains("a NUL character");
                    });
        }
    }

    @Test
    void refusesMoreComparisonsThanTheLimit() {
        String atLimit = String.join(" or ", java.util.Collections.nCopies(FilterParser.MAX_COMPARISONS, "a pr"));
        assertThat(FilterParser.parse(atLimit)).isInstanceOf(Or.class);
        // The 1001st comparison starts after 1000 times "a pr", 999 times " or " and one " and ".
        assertThatThrownBy(() -> FilterParser.parse(atLimit + " and b eq 1"))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.scimType()).isEqualTo(ScimType.INVALID_FILTER);
                    assertThat(e.detail()).startsWith("Invalid filter at position 8001: ")
                            .contains("more than 1000 comparisons");
                });
        String inBrackets = "emails[" + String.join(" or ", java.util.Collections.nCopies(1001, "value pr")) + "]";
        assertThatThrownBy(() -> FilterParser.parse(inBrackets)).isInstanceOf(ScimException.class);
    }

    /** Walkers must not recurse per link: a chain far longer than the parser allows still walks. */
    @Test
    void walkersOfLongChainsDoNotRecurse() {
        Filter ands = pr("userName");
        Filter ors = pr("displayName");
        for (int i = 0; i < 100_000; i++) {
            ands = and(ands, pr("userName"));
            ors = new Or(ors, pr("displayName"));
        }
        ors = new Or(ors, pr("userName"));
        var user = tools.jackson.databind.json.JsonMapper.builder().build().readTree("{\"userName\":\"a\"}");
        for (Filter chain : java.util.List.of(ands, ors)) {
            assertThat(FilterPrinter.print(chain)).hasSizeGreaterThan(1_000_000);
            assertThat(FilterChecker.check(chain, TestTraits.user())).isSameAs(chain);
            assertThat(FilterEvaluator.matches(chain, user, TestTraits.user())).isTrue();
        }
    }

    @Test
    void longFlatChainsDoNotRecurse() {
        String text = String.join(" or ", java.util.Collections.nCopies(500, "a pr"));
        assertThat(FilterParser.parse(text)).isInstanceOf(Or.class);
    }

    @Test
    void printsCanonicalText() {
        Filter f = FilterParser.parse("A PR and (b EQ \"x\\\"y\" OR not (c lt 1.50)) or emails[type eq \"work\"]");
        assertThat(FilterPrinter.print(f))
                .isEqualTo("A pr and (b eq \"x\\\"y\" or not (c lt 1.50)) or emails[type eq \"work\"]");
    }

    /**
     * Values without quotes, as Microsoft's reference collection sends them, are quoted at the edge
     * (compat.UnquotedFilterValues); the parser reads the JSON values of RFC 7644 §3.4.2.2 only.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "userName eq bjensen | 12 | expected a value",
            "meta.created gt 2015-10-10T14:38:21.8617979-07:00 | 16 | not a valid JSON number"})
    void refusesUnquotedValues(String filter, int position, String message) {
        assertThatThrownBy(() -> FilterParser.parse(filter)).isInstanceOfSatisfying(ScimException.class, e -> {
            assertThat(e.scimType()).isEqualTo(ScimType.INVALID_FILTER);
            assertThat(e.detail()).contains("at position " + position + ": ").contains(message);
        });
    }
}
