package dev.scimgateway.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimgateway.resources.MembershipChange;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.ScimType;
import dev.scimgateway.scim.protocol.compat.ClientQuirks;
import dev.scimgateway.scim.protocol.patch.PatchEngine;
import dev.scimgateway.scim.protocol.patch.PatchOperation;
import dev.scimgateway.scim.protocol.patch.PatchRequest;
import dev.scimgateway.scim.schema.ResourceTypes;
import dev.scimgateway.scim.schema.ResourceValidator;
import dev.scimgateway.scim.schema.SchemaRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every member PATCH form of client-wire-notes.md → the set-based {@link MembershipChange} and the
 * operations left for the PATCH engine. Tables use {@code '} for {@code "}, a backtick for {@code \"}.
 */
class MembershipOperationsTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String A = "0b6f0a3e-54a1-4c43-8d2a-6a5b1b1e0001";
    private static final String B = "0b6f0a3e-54a1-4c43-8d2a-6a5b1b1e0002";
    private static final String C = "0b6f0a3e-54a1-4c43-8d2a-6a5b1b1e0003";
    private static final String GROUP_ID = "7f3c1e52-0000-4000-8000-00000000abcd";
    private static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private static JsonNode node(String text) {
        return MAPPER.readTree(text.replace("`", "\\\"").replace('\'', '"'));
    }

    /** The operations of a PATCH of group {@link #GROUP_ID} as the edge hands them on, in strict form. */
    private static List<PatchOperation> operations(String operations) {
        ObjectNode body = (ObjectNode) node("{'schemas':['" + PatchRequest.SCHEMA + "'],'Operations':" + operations + "}");
        return PatchRequest.parse(ClientQuirks.body("PATCH", body, SchemaRegistry.GROUP, GROUP_ID)).operations();
    }

    private static MembershipOperations.Split split(String operations) {
        return MembershipOperations.split(operations(operations));
    }

    private static Set<UUID> ids(String... ids) {
        return Set.copyOf(Arrays.stream(ids).map(UUID::fromString).toList());
    }

    /** keepOnly null means "keep the others"; the document operations are compared as parsed. */
    private static Arguments row(String name, String operations, @Nullable Set<UUID> keepOnly, Set<UUID> toInsert,
            Set<UUID> toDelete, String remaining, List<String> unknown) {
        return Arguments.of(name, operations, keepOnly, toInsert, toDelete, remaining, unknown);
    }

    static Stream<Arguments> forms() {
        return Stream.of(
                row("add members", "[{'op':'add','path':'members','value':[{'value':'" + A + "'},{'value':'" + B + "'}]}]",
                        null, ids(A, B), ids(), "[]", List.of()),
                row("Entra Add Members with $ref null and type", "[{'op':'Add','path':'Members','value':[{'$ref':null,"
                                + "'value':'" + A + "','type':'User'}]}]",
                        null, ids(A), ids(), "[]", List.of()),
                row("add one member object, capitalised keys", "[{'op':'add','path':'members','value':{'Value':'" + A + "'}}]",
                        null, ids(A), ids(), "[]", List.of()),
                row("URN-qualified members path", "[{'op':'add','path':'" + GROUP_URN + ":members','value':[{'value':'" + A + "'}]}]",
                        null, ids(A), ids(), "[]", List.of()),
                row("upper-case id is the same member", "[{'op':'add','path':'members','value':[{'value':'"
                                + A.toUpperCase() + "'}]},{'op':'remove','path':'members[value eq `" + A + "`]'}]",
                        null, ids(), ids(A), "[]", List.of()),
                row("Okta remove members[value eq]", "[{'op':'remove','path':'members[value eq `" + A + "`]'}]",
                        null, ids(), ids(A), "[]", List.of()),
                row("remove with or of several", "[{'op':'remove','path':'members[value eq `" + A + "` or value eq `" + B
                                + "` or value eq `" + C + "`]'}]",
                        null, ids(), ids(A, B, C), "[]", List.of()),
                row("Entra remove with value list", "[{'op':'Remove','path':'members','value':[{'value':'" + A + "'},{'value':'"
                                + B + "'}]}]",
                        null, ids(), ids(A, B), "[]", List.of()),
                row("remove members without value removes all", "[{'op':'remove','path':'members'}]",
                        ids(), ids(), ids(), "[]", List.of()),
                row("Okta empty group push: replace members []", "[{'op':'replace','path':'members','value':[]}]",
                        ids(), ids(), ids(), "[]", List.of()),
                row("replace members with a list", "[{'op':'replace','path':'members','value':[{'value':'" + A + "'}]}]",
                        ids(A), ids(A), ids(), "[]", List.of()),
                row("Okta path-less replace with members, displayName and id",
                        "[{'op':'replace','value':{'id':'" + GROUP_ID + "','displayName':'Sales EMEA','members':[{'value':'" + A
                                + "','display':'ann'}]}}]",
                        ids(A), ids(A), ids(),
                        "[{'op':'replace','value':{'id':'" + GROUP_ID + "','displayName':'Sales EMEA'}}]", List.of()),
                row("path-less replace with members only", "[{'op':'replace','value':{'Members':[]}}]",
                        ids(), ids(), ids(), "[]", List.of()),
                row("path-less add with members", "[{'op':'add','value':{'members':[{'value':'" + A + "'}]}}]",
                        null, ids(A), ids(), "[]", List.of()),
                row("path-less replace without members passes through",
                        "[{'op':'replace','value':{'id':'" + GROUP_ID + "','displayName':'Sales'}}]",
                        null, ids(), ids(), "[{'op':'replace','value':{'id':'" + GROUP_ID + "','displayName':'Sales'}}]",
                        List.of()),
                row("displayName operation passes through", "[{'op':'replace','path':'displayName','value':'Sales'}]",
                        null, ids(), ids(), "[{'op':'replace','path':'displayName','value':'Sales'}]", List.of()),
                row("members of type Group are added like users (nested groups, RFC 7643 §4.2)",
                        "[{'op':'add','path':'members','value':[{'value':'" + A + "','type':'Group'},{'value':'" + B
                                + "','type':'User'}]}]",
                        null, ids(A, B), ids(), "[]", List.of()),
                row("non-UUID in a remove filter names no member: nothing to do",
                        "[{'op':'remove','path':'members[value eq `nope`]'}]",
                        null, ids(), ids(), "[]", List.of()),
                row("non-UUID values are skipped and reported",
                        "[{'op':'add','path':'members','value':[{'value':'00u1abcdEFGH'},{'value':'" + A + "'}]}]",
                        null, ids(A), ids(), "[]", List.of("00u1abcdEFGH")),
                row("non-UUID in a replace is skipped and reported",
                        "[{'op':'replace','path':'members','value':[{'value':'nope'},{'value':'" + B + "'}]}]",
                        ids(B), ids(B), ids(), "[]", List.of("nope")),
                row("non-UUID in a remove value list names no member: reported, nothing to do",
                        "[{'op':'Remove','path':'members','value':[{'value':'nope'},{'value':'" + A + "'}]}]",
                        null, ids(), ids(A), "[]", List.of("nope")),
                row("remove then add of the same id: it stays",
                        "[{'op':'remove','path':'members[value eq `" + A + "`]'},{'op':'add','path':'members','value':[{'value':'"
                                + A + "'}]}]",
                        null, ids(A), ids(), "[]", List.of()),
                row("add then remove of the same id: it goes",
                        "[{'op':'add','path':'members','value':[{'value':'" + A + "'}]},{'op':'Remove','path':'members','value':"
                                + "[{'value':'" + A + "'}]}]",
                        null, ids(), ids(A), "[]", List.of()),
                row("replace, then remove and add",
                        "[{'op':'replace','path':'members','value':[{'value':'" + A + "'},{'value':'" + B + "'}]},"
                                + "{'op':'remove','path':'members[value eq `" + A + "`]'},"
                                + "{'op':'add','path':'members','value':[{'value':'" + C + "'}]}]",
                        ids(B, C), ids(B, C), ids(), "[]", List.of()),
                row("add, then replace with []: replace wins",
                        "[{'op':'add','path':'members','value':[{'value':'" + A + "'}]},{'op':'replace','path':'members','value':[]}]",
                        ids(), ids(), ids(), "[]", List.of()),
                row("replace of a member selected by filter: it makes way for the value's",
                        "[{'op':'replace','path':'members[value eq `" + A + "`]','value':{'value':'" + B + "'}}]",
                        null, ids(B), ids(A), "[]", List.of()),
                row("replace of a member by itself: nothing to delete",
                        "[{'op':'replace','path':'members[value eq `" + A + "`]','value':[{'value':'" + A + "'}]}]",
                        null, ids(A), ids(), "[]", List.of()),
                row("Okta chunk: rename, remove and add in one PATCH",
                        "[{'op':'replace','value':{'id':'" + GROUP_ID + "','displayName':'Sales'}},"
                                + "{'op':'remove','path':'members[value eq `" + A + "`]'},"
                                + "{'op':'add','path':'members','value':[{'value':'" + B + "'},{'value':'" + C + "'}]}]",
                        null, ids(B, C), ids(A),
                        "[{'op':'replace','value':{'id':'" + GROUP_ID + "','displayName':'Sales'}}]", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void splits(String name, String operations, @Nullable Set<UUID> keepOnly, Set<UUID> toInsert, Set<UUID> toDelete,
            String remaining, List<String> unknown) {
        MembershipOperations.Split split = split(operations);

        assertThat(split.members().keepOnly()).isEqualTo(keepOnly);
        assertThat(split.members().toInsert()).containsExactlyInAnyOrderElementsOf(toInsert);
        assertThat(split.members().toDelete()).containsExactlyInAnyOrderElementsOf(toDelete);
        assertThat(split.attributeOperations()).isEqualTo(remaining.equals("[]") ? List.of() : operations(remaining));
        assertThat(split.unknownMembers()).containsExactlyElementsOf(unknown);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("add with a filtered members path",
                        "[{'op':'add','path':'members[value eq `" + A + "`]','value':[{'value':'" + A + "'}]}]",
                        ScimType.INVALID_PATH),
                Arguments.of("remove members[...].display",
                        "[{'op':'remove','path':'members[value eq `" + A + "`].display'}]", ScimType.INVALID_PATH),
                Arguments.of("replace members.value", "[{'op':'replace','path':'members.value','value':'" + A + "'}]",
                        ScimType.INVALID_PATH),
                Arguments.of("members selected by display", "[{'op':'remove','path':'members[display eq `ann`]'}]",
                        ScimType.INVALID_FILTER),
                Arguments.of("members selected with and", "[{'op':'remove','path':'members[value eq `" + A
                        + "` and value eq `" + B + "`]'}]", ScimType.INVALID_FILTER),
                Arguments.of("member without value", "[{'op':'add','path':'members','value':[{'display':'ann'}]}]",
                        ScimType.INVALID_VALUE),
                Arguments.of("member value is a number", "[{'op':'add','path':'members','value':[{'value':42}]}]",
                        ScimType.INVALID_VALUE),
                Arguments.of("member is a number", "[{'op':'add','path':'members','value':[42]}]", ScimType.INVALID_VALUE),
                Arguments.of("member value is null", "[{'op':'add','path':'members','value':[{'value':null}]}]",
                        ScimType.INVALID_VALUE),
                Arguments.of("add without members", "[{'op':'add','path':'members','value':null}]", ScimType.INVALID_VALUE),
                Arguments.of("path-less add without members", "[{'op':'add','value':{'members':null}}]",
                        ScimType.INVALID_VALUE),
                Arguments.of("NUL in a member's display", "[{'op':'add','path':'members','value':[{'value':'" + A
                        + "','display':'a\\u0000'}]}]", ScimType.INVALID_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejects(String name, String operations, ScimType expected) {
        List<PatchOperation> parsed = operations(operations);

        assertThatThrownBy(() -> MembershipOperations.split(parsed)).isInstanceOfSatisfying(ScimException.class,
                e -> assertThat(e.scimType()).isEqualTo(expected));
    }

    /** Whether a replace's filter selects a stored member is the store's to check; this PATCH's own changes are checked here. */
    @Test
    void aReplaceByFilterNeedsAMemberToReplace() {
        MembershipChange stored = split("[{'op':'replace','path':'members[value eq `" + A + "` or value eq `nope`]',"
                + "'value':{'value':'" + B + "'}}]").members();
        assertThat(stored.targets()).singleElement().satisfies(target -> assertThat(target.anyOf()).isEqualTo(ids(A)));

        assertThat(split("[{'op':'add','path':'members','value':[{'value':'" + A + "'}]},"
                + "{'op':'replace','path':'members[value eq `" + A + "`]','value':{'value':'" + B + "'}}]").members().targets())
                .as("a member this PATCH added is there to replace").isEmpty();
        for (String none : new String[] {
                "[{'op':'replace','path':'members[value eq `nope`]','value':{'value':'" + B + "'}}]",
                "[{'op':'remove','path':'members[value eq `" + A + "`]'},"
                        + "{'op':'replace','path':'members[value eq `" + A + "`]','value':{'value':'" + B + "'}}]",
                "[{'op':'replace','path':'members','value':[{'value':'" + C + "'}]},"
                        + "{'op':'replace','path':'members[value eq `" + A + "`]','value':{'value':'" + B + "'}}]"}) {
            List<PatchOperation> parsed = operations(none);
            assertThatThrownBy(() -> MembershipOperations.split(parsed)).as(none).isInstanceOfSatisfying(ScimException.class,
                    e -> assertThat(e.scimType()).isEqualTo(ScimType.NO_TARGET));
        }
    }

    /** The rest goes through the engine, as ResourceService does: Okta's repeated id was dropped at the edge. */
    @Test
    void oktaPathlessReplaceRenamesTheGroup() {
        MembershipOperations.Split split = split("[{'op':'replace','value':{'id':'" + GROUP_ID
                + "','displayName':'Sales EMEA','members':[{'value':'" + A + "'}]}}]");
        ObjectNode stored = (ObjectNode) node("{'schemas':['" + GROUP_URN + "'],'displayName':'Sales'}");

        ObjectNode patched = ResourceValidator.of(ResourceTypes.GROUP).validate(
                new PatchEngine(SchemaRegistry.GROUP).apply(stored, split.attributeOperations()));

        assertThat(patched).isEqualTo(node("{'schemas':['" + GROUP_URN + "'],'displayName':'Sales EMEA'}"));
        assertThat(split.members().keepOnly()).containsExactly(UUID.fromString(A));
    }

    @Test
    void pathlessReplaceWithAnotherIdIsRefusedByTheEngine() {
        MembershipOperations.Split split = split("[{'op':'replace','value':{'id':'" + A
                + "','displayName':'Sales EMEA','members':[]}}]");
        ObjectNode stored = (ObjectNode) node("{'schemas':['" + GROUP_URN + "'],'displayName':'Sales'}");

        assertThatThrownBy(() -> new PatchEngine(SchemaRegistry.GROUP).apply(stored, split.attributeOperations()))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo(ScimType.MUTABILITY));
    }

    @Test
    void splittingLeavesTheOperationsAlone() {
        List<PatchOperation> parsed = operations("[{'op':'replace','value':{'displayName':'X','members':[{'value':'" + A + "'}]}}]");
        JsonNode before = parsed.get(0).value().deepCopy();

        MembershipOperations.split(parsed);

        assertThat(parsed.get(0).value()).isEqualTo(before);
    }

    @Test
    void bodyMembersAreTheWholeMembership() {
        List<String> unknown = new java.util.ArrayList<>();

        MembershipChange change = MembershipOperations.fromBody(node("[{'value':'" + A + "'},{'value':'" + B
                + "','type':'Group'}]"), unknown);

        assertThat(change.keepOnly()).containsExactly(UUID.fromString(A), UUID.fromString(B));
        assertThat(unknown).isEmpty();
        assertThat(MembershipOperations.fromBody(null, new java.util.ArrayList<>()).keepOnly()).isEmpty();
    }
}
