package dev.scimgateway.scim.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.CombiningFilter;
import com.unboundid.scim2.common.filters.ComparisonFilter;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.filters.NotFilter;
import com.unboundid.scim2.common.filters.PresentFilter;
import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.compat.ClientQuirks;
import dev.scimgateway.scim.protocol.filter.Literal.BooleanLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.NumberLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.StringLiteral;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Differential test against UnboundID's SCIM 2 SDK ({@code scim2-sdk-common}, test scope only): our
 * parser accepts exactly the filters {@code com.unboundid.scim2.common.filters.Filter.fromString}
 * accepts, and for those it builds a tree of the same meaning. Meaning is compared on a normal form
 * that keeps everything a filter says and forgets only what cannot change its result: and/or are
 * associative, commutative and idempotent (UnboundID builds n-ary and/or and, for "a and b and c or d",
 * repeats operands), attribute names and URNs are case-insensitive (RFC 7643 §2.1), operators too
 * (RFC 7644 §3.4.2.2), and numbers compare by value.
 *
 * <p>Every place where we knowingly differ is in {@link #DIVERGENCES}, with the reason; a
 * disagreement that no entry explains fails the test.
 */
class FilterDifferentialTest {

    /** Which side accepts the filter in a divergence. */
    enum Side { ONLY_OURS_ACCEPT, ONLY_UNBOUNDID_ACCEPTS }

    /**
     * A deliberate divergence: which side accepts, how to recognise the input (on the filter text and
     * the refusing side's error message), and why we keep it.
     */
    record Divergence(String name, Side side, Predicate<Case> applies, String reason) {}

    /** One filter as both parsers saw it. */
    record Case(String text, Optional<String> ours, Optional<String> theirs, String ourError, String theirError,
            List<List<String>> theirPaths, List<String> theirUrns) {

        /**
         * Whether UnboundID read an attribute path that RFC 7643 ATTRNAME / RFC 7644 attrPath cannot spell,
         * or a schema URN with characters no schema URN uses.
         */
        boolean theirPathOutsideGrammar() {
            return theirPaths.stream().anyMatch(names -> names.size() > 2
                    || names.stream().anyMatch(name -> !name.matches("[A-Za-z][A-Za-z0-9_-]*|\\$ref")))
                    || theirUrns.stream().anyMatch(urn -> !urn.matches("[A-Za-z0-9_.:$-]+"));
        }
    }

    static final List<Divergence> DIVERGENCES = List.of(
            new Divergence("entra-sub-attribute-after-bracket", Side.ONLY_OURS_ACCEPT,
                    c -> outsideStrings(c.text()).matches("(?s).*\\]\\s*\\..*"),
                    "Entra ID sends emails[type eq \"work\"].value eq \"x\"; it can only mean the element filter"
                            + " with 'and value eq', so we read it that way (FilterParser.subAttributeAfterBracket)."),
            new Divergence("case-insensitive-literals", Side.ONLY_OURS_ACCEPT,
                    c -> outsideStrings(c.text()).matches("(?s).*\\b(?!true\\b|false\\b|null\\b)(?i:true|false|null)\\b.*"),
                    "ABNF quoted strings are case-insensitive (RFC 5234 §2.3), so 'True' and 'NULL' are the RFC's"
                            + " true and null; UnboundID hands values to a JSON parser, which is case-sensitive."),
            new Divergence("any-whitespace-separates", Side.ONLY_OURS_ACCEPT,
                    c -> outsideStrings(c.text()).chars().anyMatch(ch -> ch != ' ' && Character.isWhitespace(ch)),
                    "Tabs and line breaks between tokens arrive from hand-written and form-encoded clients; UnboundID"
                            + " splits on ' ' only. Nothing else could be meant."),
            new Divergence("token-spacing", Side.ONLY_OURS_ACCEPT,
                    c -> outsideStrings(c.text()).matches("(?s).*(?i:\\beq|\\bne|\\bco|\\bsw|\\bew|\\bgt|\\bge|\\blt|\\ble)\"\".*")
                            || outsideStrings(c.text()).matches("(?s).*\\s\\[.*"),
                    "Our lexer splits tokens by their characters, not by spaces: 'userName eq\"x\"' (no SP before the"
                            + " value) and 'emails [type pr]' (SP before '[') cannot mean anything else. UnboundID's"
                            + " tokenizer needs exactly the RFC's spaces there (elsewhere it is as loose: 'a eq \"x\"and"
                            + " b pr' passes both)."),
            new Divergence("keyword-attribute-names", Side.ONLY_OURS_ACCEPT,
                    c -> outsideStrings(c.text()).matches("(?s)(.*[\\s(\\[])?(?i:and|or)\\s+(?i:pr|eq|ne|co|sw|ew|gt|ge|lt|le)\\b.*"),
                    "ATTRNAME is ALPHA *(nameChar), so 'or' and 'and' are attribute names where an attribute is"
                            + " expected ('(or pr)'); UnboundID reads them as the keyword wherever they stand. No schema"
                            + " has such an attribute, so the difference reaches no client."),
            new Divergence("raw-control-characters-in-strings", Side.ONLY_OURS_ACCEPT,
                    c -> c.theirError().contains("CTRL-CHAR"),
                    "JSON wants a tab inside a string written as \\t; a filter arrives URL-decoded from a query"
                            + " string, where a raw tab between quotes can only mean a tab, so we take it as written."),
            new Divergence("rfc-attribute-names", Side.ONLY_UNBOUNDID_ACCEPTS,
                    Case::theirPathOutsideGrammar,
                    "RFC 7643 §2.1 ATTRNAME is ALPHA *(nameChar) and attrPath has at most one sub-attribute; UnboundID"
                            + " admits digits first, any Unicode letter (in names and URNs), '$' anywhere and a.b.c. We"
                            + " name the bad character in a 400 instead of answering on an attribute that cannot exist."),
            new Divergence("abuse-limits", Side.ONLY_UNBOUNDID_ACCEPTS,
                    c -> c.ourError().contains("nested deeper than") || c.ourError().contains("longer than the maximum")
                            || c.ourError().contains("comparisons, the most one filter may hold"),
                    "Nesting deeper than " + FilterParser.MAX_DEPTH + ", filters over " + Syntax.MAX_LENGTH
                            + " characters and more than " + FilterParser.MAX_COMPARISONS + " comparisons are refused"
                            + " up front to bound parse cost and the depth of the tree; no IdP sends them."),
            new Divergence("nul-characters", Side.ONLY_UNBOUNDID_ACCEPTS,
                    c -> c.ourError().contains("a NUL character"),
                    "PostgreSQL text cannot hold U+0000, so no stored value can equal or contain one; we say so with"
                            + " the position instead of answering a filter that can only mean nothing."),
            new Divergence("number-glued-to-keyword", Side.ONLY_UNBOUNDID_ACCEPTS,
                    c -> c.ourError().contains("is not a valid JSON number")
                            && outsideStrings(c.text()).matches("(?s).*[0-9](?i:and|or)\\b.*"),
                    "'eq 1and b pr': UnboundID lets its JSON parser stop where the number stops. We want a separator"
                            + " after a number so that 'eq 12abc' is one bad token, not 12 and a word; no client"
                            + " glues a keyword to a number."),
            new Divergence("unboundid-not-without-parenthesis", Side.ONLY_UNBOUNDID_ACCEPTS,
                    c -> c.ourError().contains("expected '(' after 'not'"),
                    "RFC 7644 writes 'not' \"(\" valFilter \")\"; UnboundID also takes 'not[ (…)' and reads the '['"
                            + " as nothing. We name the missing '(' instead."),
            new Divergence("unboundid-unbalanced-brackets", Side.ONLY_UNBOUNDID_ACCEPTS,
                    c -> c.ourError().contains("expected ']' to close")
                            || c.ourError().contains("expected 'and', 'or' or the end of the filter but found ')'"),
                    "UnboundID accepts 'emails[type eq \"work\"' (no ']') and 'a pr and b pr)' (no '('): its"
                            + " operator-stack parser does not check balance at the end. The RFC grammar requires both;"
                            + " a client that sends them has a bug we should report, not guess around."));

    // ---------------------------------------------------------------- corpora

    /** Filters real clients send (docs/client-wire-notes.md) and the examples of RFC 7644. */
    static final List<String> REAL_WORLD = List.of(
            // Okta
            "userName eq \"jane@example.com\"",
            "userName eq \"JANE@EXAMPLE.COM\"",
            "displayName eq \"Sales\"",
            // Entra ID
            "userName eq \"AdeleV@contoso.onmicrosoft.com\"",
            "externalId eq \"8f1a6c6b-2a4a-4c2e-9a0e-0a1b2c3d4e5f\"",
            "displayName eq \"Marketing Team\"",
            "externalId eq \"x\" and userName eq \"y\"",
            "emails[type eq \"work\"].value eq \"adele@contoso.com\"",
            "addresses[type eq \"work\"].streetAddress eq \"1 Main St\"",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"7\"",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\"",
            "id eq \"26118915-6090-4610-87e4-49d8ca9f808d\" and members[value eq \"5d48a0a8-e7c6-4e4f-94b2-a2a1d8e6e2b1\"]",
            // OneLogin (after plus-decoding) and its pre-standard URNs
            "userName eq \"kate@onelogin.test\"",
            "urn:scim:schemas:extension:enterprise:2.0:employeeNumber eq \"42\"",
            "urn:scim:schemas:core:2.0:userName eq \"kate\"",
            // RFC 7644 §3.4.2.2
            "userName eq \"bjensen\"",
            "name.familyName co \"O'Malley\"",
            "userName sw \"J\"",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
            "title pr",
            "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
            "meta.lastModified ge \"2011-05-13T04:42:34Z\"",
            "meta.lastModified lt \"2011-05-13T04:42:34Z\"",
            "meta.lastModified le \"2011-05-13T04:42:34Z\"",
            "title pr and userType eq \"Employee\"",
            "title pr or userType eq \"Intern\"",
            "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"",
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
            "userType eq \"Employee\" and (emails.type eq \"work\")",
            "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
            "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
            // RFC 7644 §3.5.2 (PATCH path value filters, as filters)
            "members[value eq \"2819c223-7f76-453a-919d-413861904646\"]",
            "emails[type eq \"work\" and value ew \"example.com\"]",
            // Typing, precedence and spelling the grammar allows
            "active eq true", "active eq false", "title eq null", "title ne null", "x509Certificates.value pr",
            "meta.version eq \"W/\\\"3\\\"\"", "userName eq \"\"", "userName eq \"caf\\u00e9\\n\\\"quoted\\\"\\\\\"",
            "employeeNumber gt 10", "employeeNumber ge -2.5", "employeeNumber lt 1e3", "employeeNumber le 1.50E+2",
            "USERNAME EQ \"x\" AND TITLE PR OR NOT (ACTIVE EQ true)",
            "a pr or b pr and c pr", "(a pr or b pr) and c pr", "a pr and b pr and c pr or d pr",
            "a pr or b pr or c pr and d pr and e pr", "not (a pr) and not (b pr or c pr)",
            "not(a pr)", "(a pr)and(b pr)", "userName eq \"x\"and title pr", "  userName   eq   \"padded\"  ",
            "((((title pr))))", "emails[not (type eq \"work\")]", "emails[(type eq \"work\" or type eq \"home\") and primary eq true]",
            "groups.$ref pr", "members.$ref eq \"https://x/Users/1\"", "urn:foo:bar pr",
            "userName eq \"a\" or userName eq \"b\" or userName eq \"c\"",
            // Accepted by us for real clients, listed in DIVERGENCES
            "active eq True", "title eq NULL", "userName\teq \"tab\"");

    /** Filters both must refuse. */
    static final List<String> INVALID = List.of(
            "", "   ", "userName", "userName eq", "userName equals \"x\"", "userName eq \"x",
            "(userName eq \"x\"", "userName eq \"x\")", "not userName eq \"x\"", "not", "not ()", "()",
            "userName eq \"x\" and", "and userName eq \"x\"", "userName eq \"x\" or or title pr",
            "emails[type eq \"work\"", "emails[type eq \"work\"]]", "emails[]", "[type eq \"work\"]",
            "userName pr pr", "userName eq 'x'", "userName eq \"x\" xor title pr", "userName gt", "title pr title pr",
            "userName eq 01", "userName eq 1.", "userName eq .5", "userName eq +1", "userName eq 1.2.3", "userName eq -",
            "userName eq 12abc", "userName eq truex", "userName eq \"a\\q\"", "userName eq \"\\u12\"",
            "emails[type eq \"work\" and emails[value pr]]", "emails[type eq \"work\"] pr", "userName eq \"x\" \"y\"",
            "userName eq [1]", "userName eq {\"a\":1}", "urn: pr", "urn:x:y: pr", "userName eq \"x\";", "userName == \"x\"",
            "userName eq \"x\" and (title pr", "userName eq \"x\" and title pr)", "userName ne", ". pr", "name. pr");

    // ---------------------------------------------------------------- tests

    @Example
    void realWorldFiltersMeanTheSame() {
        List<String> failures = new ArrayList<>();
        for (String text : REAL_WORLD) {
            disagreement(text).ifPresent(failures::add);
            assertThat(ours(text)).as("we accept the real-world filter %s", text).isPresent();
        }
        assertThat(failures).isEmpty();
    }

    @Example
    void invalidFiltersAreRefusedByBoth() {
        List<String> failures = new ArrayList<>();
        for (String text : INVALID) {
            disagreement(text).ifPresent(failures::add);
            assertThat(ours(text)).as("we refuse %s", text).isEmpty();
        }
        assertThat(failures).isEmpty();
    }

    @Example
    void everyDivergenceIsStillReal() {
        // An allow-list entry that no longer matches a real difference would hide nothing but mislead.
        record Witness(String divergence, String text) {}
        List<Witness> witnesses = List.of(
                new Witness("entra-sub-attribute-after-bracket", "emails[type eq \"work\"].value eq \"x\""),
                new Witness("case-insensitive-literals", "active eq TRUE"),
                new Witness("any-whitespace-separates", "title\tpr"),
                new Witness("token-spacing", "userName eq\"x\""),
                new Witness("token-spacing", "emails [type pr]"),
                new Witness("raw-control-characters-in-strings", "title eq \"a\tb\""),
                new Witness("keyword-attribute-names", "(or pr or (a.a pr or a pr))"),
                new Witness("unboundid-not-without-parenthesis", "not[ (title pr)"),
                new Witness("rfc-attribute-names", "name.givenName.first pr"),
                new Witness("rfc-attribute-names", "1title pr"),
                new Witness("rfc-attribute-names", "urn:acme:\u00e9:x pr"),
                new Witness("unboundid-unbalanced-brackets", "emails[type eq \"work\""),
                new Witness("unboundid-unbalanced-brackets", "title pr and userName pr)"),
                new Witness("number-glued-to-keyword", "employeeNumber eq 1and title pr"),
                new Witness("abuse-limits", "(".repeat(FilterParser.MAX_DEPTH + 1) + "title pr"
                        + ")".repeat(FilterParser.MAX_DEPTH + 1)),
                new Witness("abuse-limits", String.join(" or ",
                        java.util.Collections.nCopies(FilterParser.MAX_COMPARISONS + 1, "title pr"))),
                new Witness("nul-characters", "title eq \"a\\u0000\""));
        for (Witness w : witnesses) {
            Case c = evaluate(w.text());
            assertThat(c.ours().isPresent()).as("both sides agree on %s", w.text()).isNotEqualTo(c.theirs().isPresent());
            assertThat(explainedBy(c)).as("divergence for %s", w.text()).hasValueSatisfying(d -> assertThat(d.name())
                    .isEqualTo(w.divergence()));
        }
        assertThat(witnesses.stream().map(Witness::divergence).distinct().count()).isEqualTo(DIVERGENCES.size());
    }

    /** Trees our printer writes: UnboundID reads every one of them to the same meaning. */
    @Property(tries = 1000)
    void generatedFiltersMeanTheSame(@ForAll("generated") Filter filter) {
        String text = FilterPrinter.print(filter);
        assertThat(disagreement(text)).isEmpty();
        assertThat(evaluate(text).theirs()).as("UnboundID accepts %s", text).isPresent();
    }

    /**
     * Printed filters with one edit (a character dropped, doubled or swapped, or a token inserted):
     * mostly invalid, sometimes valid in a new way. Both parsers must decide alike.
     */
    @Property(tries = 2000)
    void editedFiltersAreDecidedAlike(@ForAll("edited") String text) {
        Case c = evaluate(text);
        Statistics.label("decision").collect(c.ours().isPresent() ? "accepted" : "refused");
        assertThat(disagreement(text)).isEmpty();
    }

    /**
     * Quirks are rewritten before the parser reads a filter (compat.ClientQuirks); a filter the
     * parser accepts as it is must mean the same after that rewrite.
     */
    @Property(tries = 2000, seed = "20261128")
    void theEdgeRewriteLeavesStrictFiltersAlone(@ForAll("edited") String text) {
        Filter strict;
        try {
            strict = FilterParser.parse(text);
        } catch (ScimException refused) {
            return;
        }
        assertThat(FilterParser.parse(ClientQuirks.parameter("filter", text))).isEqualTo(strict);
    }

    @Provide
    Arbitrary<Filter> generated() {
        return new FilterRoundTripTest().filters();
    }

    @Provide
    Arbitrary<String> edited() {
        Arbitrary<String> printed = generated().map(FilterPrinter::print);
        Arbitrary<String> tokens = Arbitraries.of("(", ")", "[", "]", " ", "\"", "and ", "or ", "not ", "pr", " eq ",
                ".", ":", "\\", "true", "null", "1", "-", "x", "\t", "$", "é");
        return Combinators.combine(printed, Arbitraries.integers().between(0, 3), Arbitraries.doubles().between(0, 1),
                tokens).as((text, kind, where, token) -> {
                    int at = (int) (where * text.length());
                    return switch (kind) {
                        case 0 -> at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text + token;
                        case 1 -> at < text.length() ? text.substring(0, at + 1) + text.substring(at) : text + text;
                        case 2 -> at + 1 < text.length()
                                ? text.substring(0, at) + text.charAt(at + 1) + text.charAt(at) + text.substring(at + 2)
                                : token + text;
                        default -> text.substring(0, at) + token + text.substring(at);
                    };
                });
    }

    // ---------------------------------------------------------------- the comparison

    /** Why both sides do not agree on {@code text}, unless they agree or a listed divergence explains it. */
    static Optional<String> disagreement(String text) {
        Case c = evaluate(text);
        if (c.ours().isPresent() && c.theirs().isPresent()) {
            return c.ours().equals(c.theirs()) ? Optional.empty()
                    : Optional.of("different meaning for " + text + ":\n  ours:      " + c.ours().get()
                            + "\n  UnboundID: " + c.theirs().get());
        }
        if (c.ours().isEmpty() && c.theirs().isEmpty()) {
            return Optional.empty();
        }
        if (explainedBy(c).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(c.ours().isPresent()
                ? "only we accept " + text + " (UnboundID: " + c.theirError() + ")"
                : "only UnboundID accepts " + text + " (we say: " + c.ourError() + ")");
    }

    static Optional<Divergence> explainedBy(Case c) {
        Side side = c.ours().isPresent() ? Side.ONLY_OURS_ACCEPT : Side.ONLY_UNBOUNDID_ACCEPTS;
        return DIVERGENCES.stream().filter(d -> d.side() == side && d.applies().test(c)).findFirst();
    }

    static Case evaluate(String text) {
        String ourError = "";
        Optional<String> ours;
        try {
            ours = Optional.of(normal(FilterParser.parse(text)));
        } catch (ScimException e) {
            ours = Optional.empty();
            ourError = e.getMessage();
        }
        String theirError = "";
        Optional<String> theirs;
        List<List<String>> theirPaths = new ArrayList<>();
        List<String> theirUrns = new ArrayList<>();
        try {
            com.unboundid.scim2.common.filters.Filter parsed = com.unboundid.scim2.common.filters.Filter.fromString(text);
            collectPaths(parsed, theirPaths, theirUrns);
            theirs = Optional.of(normal(parsed));
        } catch (Exception e) {
            // BadRequestException is a refusal; anything else (e.g. a ClassCastException for "eq [1]") is too.
            theirs = Optional.empty();
            theirError = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return new Case(text, ours, theirs, ourError, theirError, theirPaths, theirUrns);
    }

    private static void collectPaths(com.unboundid.scim2.common.filters.Filter filter, List<List<String>> sink,
            List<String> urns) {
        if (filter instanceof CombiningFilter combining) {
            combining.getCombinedFilters().forEach(part -> collectPaths(part, sink, urns));
            return;
        }
        if (filter instanceof NotFilter not) {
            collectPaths(not.getInvertedFilter(), sink, urns);
            return;
        }
        if (filter instanceof ComplexValueFilter complex) {
            collectPaths(complex.getValueFilter(), sink, urns);
        }
        List<String> names = new ArrayList<>();
        filter.getAttributePath().forEach(element -> names.add(element.getAttribute()));
        sink.add(names);
        if (filter.getAttributePath().getSchemaUrn() != null) {
            urns.add(filter.getAttributePath().getSchemaUrn());
        }
    }

    static Optional<String> ours(String text) {
        return evaluate(text).ours();
    }

    // Normal form of our tree.
    static String normal(Filter filter) {
        if (filter instanceof And) {
            return combined("and", flatten(filter, And.class));
        }
        if (filter instanceof Or) {
            return combined("or", flatten(filter, Or.class));
        }
        if (filter instanceof Not not) {
            return "not(" + normal(not.inner()) + ")";
        }
        if (filter instanceof Present present) {
            return path(present.path()) + " pr";
        }
        if (filter instanceof ValuePath valuePath) {
            return path(valuePath.path()) + "[" + normal(valuePath.inner()) + "]";
        }
        Compare compare = (Compare) filter;
        return path(compare.path()) + " " + compare.op().wireName() + " " + value(compare.value());
    }

    private static List<String> flatten(Filter filter, Class<? extends Filter> kind) {
        List<String> out = new ArrayList<>();
        if (kind.isInstance(filter)) {
            Filter left = filter instanceof And a ? a.left() : ((Or) filter).left();
            Filter right = filter instanceof And a ? a.right() : ((Or) filter).right();
            out.addAll(flatten(left, kind));
            out.addAll(flatten(right, kind));
        } else {
            out.add(normal(filter));
        }
        return out;
    }

    private static String path(AttrPath path) {
        String names = path.attribute() + (path.subAttribute() == null ? "" : "." + path.subAttribute());
        return ((path.schemaUrn() == null ? "" : path.schemaUrn() + ":") + names).toLowerCase(Locale.ROOT);
    }

    private static String value(Literal literal) {
        if (literal instanceof StringLiteral s) {
            return FilterPrinter.quote(s.value());
        }
        if (literal instanceof NumberLiteral n) {
            return number(n.value());
        }
        if (literal instanceof BooleanLiteral b) {
            return Boolean.toString(b.value());
        }
        return "null";
    }

    // Normal form of UnboundID's tree.
    static String normal(com.unboundid.scim2.common.filters.Filter filter) {
        if (filter instanceof CombiningFilter) {
            return combined(filter.getFilterType() == FilterType.AND ? "and" : "or", flatten(filter, filter.getFilterType()));
        }
        if (filter instanceof NotFilter not) {
            return "not(" + normal(not.getInvertedFilter()) + ")";
        }
        if (filter instanceof PresentFilter present) {
            return path(present.getAttributePath()) + " pr";
        }
        if (filter instanceof ComplexValueFilter complex) {
            return path(complex.getAttributePath()) + "[" + normal(complex.getValueFilter()) + "]";
        }
        ComparisonFilter comparison = (ComparisonFilter) filter;
        return path(comparison.getAttributePath()) + " " + comparison.getFilterType().getStringValue()
                + " " + value(comparison.getComparisonValue());
    }

    private static List<String> flatten(com.unboundid.scim2.common.filters.Filter filter, FilterType type) {
        List<String> out = new ArrayList<>();
        if (filter instanceof CombiningFilter combining && filter.getFilterType() == type) {
            combining.getCombinedFilters().forEach(part -> out.addAll(flatten(part, type)));
        } else {
            out.add(normal(filter));
        }
        return out;
    }

    private static String path(Path path) {
        List<String> names = new ArrayList<>();
        path.forEach(element -> names.add(element.getAttribute()));
        String urn = path.getSchemaUrn();
        return ((urn == null ? "" : urn + ":") + String.join(".", names)).toLowerCase(Locale.ROOT);
    }

    private static String value(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isTextual()) {
            return FilterPrinter.quote(node.textValue());
        }
        if (node.isNumber()) {
            return number(node.decimalValue());
        }
        if (node.isBoolean()) {
            return Boolean.toString(node.booleanValue());
        }
        return node.isNull() ? "null" : "?" + node;
    }

    private static String number(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** and/or are associative, commutative and idempotent: a sorted set of operands is their meaning. */
    private static String combined(String op, List<String> parts) {
        TreeSet<String> set = new TreeSet<>(parts);
        return set.size() == 1 ? set.first() : op + "{" + String.join(" | ", set) + "}";
    }

    /** The filter text with string literals blanked, so predicates look at tokens only. */
    static String outsideStrings(String text) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (inString) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    inString = false;
                }
                continue;
            }
            if (ch == '"') {
                inString = true;
                out.append("\"\"");
                continue;
            }
            out.append(ch);
        }
        return out.toString();
    }
}
