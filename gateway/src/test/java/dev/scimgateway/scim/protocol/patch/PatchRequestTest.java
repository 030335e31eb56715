package dev.scimgateway.scim.protocol.patch;

import static dev.scimgateway.scim.protocol.patch.PatchJson.body;
import static dev.scimgateway.scim.protocol.patch.PatchJson.node;
import static dev.scimgateway.scim.protocol.patch.PatchJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.ScimType;
import dev.scimgateway.scim.protocol.patch.PatchOperation.Op;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Shape checks of a PATCH body (RFC 7644 §3.5.2), before any operation touches a resource. */
class PatchRequestTest {

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("no Operations", "{'schemas':['" + PatchRequest.SCHEMA + "']}", ScimType.INVALID_SYNTAX),
                Arguments.of("empty body", "{}", ScimType.INVALID_SYNTAX),
                Arguments.of("empty Operations", "{'Operations':[]}", ScimType.INVALID_SYNTAX),
                Arguments.of("Operations is an object", "{'Operations':{'op':'add','path':'title','value':'x'}}",
                        ScimType.INVALID_SYNTAX),
                Arguments.of("Operations is null", "{'Operations':null}", ScimType.INVALID_SYNTAX),
                Arguments.of("operation is not an object", "{'Operations':['add']}", ScimType.INVALID_SYNTAX),
                Arguments.of("op missing", "{'Operations':[{'path':'title','value':'x'}]}", ScimType.INVALID_SYNTAX),
                Arguments.of("op is a number", "{'Operations':[{'op':1,'path':'title','value':'x'}]}", ScimType.INVALID_SYNTAX),
                Arguments.of("op is null", "{'Operations':[{'op':null,'path':'title','value':'x'}]}", ScimType.INVALID_SYNTAX),
                Arguments.of("op is an array", "{'Operations':[{'op':['add'],'path':'title','value':'x'}]}",
                        ScimType.INVALID_SYNTAX),
                Arguments.of("op unknown (JSON Patch's copy)", "{'Operations':[{'op':'copy','path':'title','value':'x'}]}",
                        ScimType.INVALID_SYNTAX),
                Arguments.of("op unknown (move)", "{'Operations':[{'op':'move','from':'title','path':'nickName'}]}",
                        ScimType.INVALID_SYNTAX),
                Arguments.of("add without value", "{'Operations':[{'op':'add','path':'title'}]}", ScimType.INVALID_SYNTAX),
                Arguments.of("replace without value", "{'Operations':[{'op':'replace','path':'title'}]}",
                        ScimType.INVALID_SYNTAX),
                Arguments.of("replace without value, capitalised keys", "{'Operations':[{'Op':'replace','Path':'title'}]}",
                        ScimType.INVALID_SYNTAX),
                Arguments.of("path-less add with a string", "{'Operations':[{'op':'add','value':'x'}]}",
                        ScimType.INVALID_SYNTAX),
                Arguments.of("path-less replace with an array", "{'Operations':[{'op':'replace','value':[{'active':false}]}]}",
                        ScimType.INVALID_SYNTAX),
                Arguments.of("path-less replace with null", "{'Operations':[{'op':'replace','value':null}]}",
                        ScimType.INVALID_SYNTAX),
                Arguments.of("blank path and a string value", "{'Operations':[{'op':'replace','path':' ','value':'x'}]}",
                        ScimType.INVALID_SYNTAX),
                Arguments.of("remove without path", "{'Operations':[{'op':'remove'}]}", ScimType.NO_TARGET),
                Arguments.of("remove with empty path", "{'Operations':[{'op':'remove','path':''}]}", ScimType.NO_TARGET),
                Arguments.of("remove with null path", "{'Operations':[{'op':'remove','path':null}]}", ScimType.NO_TARGET),
                Arguments.of("op capitalised (rewritten at the edge, refused here)",
                        "{'Operations':[{'op':'Add','path':'title','value':'x'}]}", ScimType.INVALID_SYNTAX),
                Arguments.of("path is a number", "{'Operations':[{'op':'replace','path':1,'value':'x'}]}", ScimType.INVALID_PATH),
                Arguments.of("path is malformed", "{'Operations':[{'op':'replace','path':'emails[type eq','value':'x'}]}",
                        ScimType.INVALID_PATH),
                Arguments.of("second operation bad", "{'Operations':[{'op':'add','path':'title','value':'x'},{'op':'nope'}]}",
                        ScimType.INVALID_SYNTAX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejects(String name, String body, ScimType expected) {
        assertThatThrownBy(() -> PatchRequest.parse(object(body)))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.scimType()).isEqualTo(expected);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.detail()).isNotBlank();
                });
    }

    @Test
    void operationsInOrderWithOpPathAndValue() {
        PatchRequest request = PatchRequest.parse(body("[{'op':'add','path':'emails[type eq `work`].value','value':'a@x'},"
                + "{'op':'remove','path':'name.givenName'},{'op':'replace','value':{'active':false}}]"));

        assertThat(request.operations()).extracting(PatchOperation::op).containsExactly(Op.ADD, Op.REMOVE, Op.REPLACE);
        assertThat(request.operations().get(0).path()).hasToString("emails[type eq \"work\"].value");
        assertThat(request.operations().get(0).value()).isEqualTo(node("'a@x'"));
        assertThat(request.operations().get(1).path()).hasToString("name.givenName");
        assertThat(request.operations().get(1).value()).isNull();
        assertThat(request.operations().get(2).path()).isNull();
        assertThat(request.operations().get(2).value()).isEqualTo(node("{'active':false}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keySpellings")
    void keysMatchInAnyCase(String name, String body, Op op) {
        PatchRequest request = PatchRequest.parse(object(body));

        assertThat(request.operations()).singleElement().satisfies(operation -> {
            assertThat(operation.op()).isEqualTo(op);
            assertThat(operation.path()).hasToString("title");
            assertThat(operation.value()).isEqualTo(node("'x'"));
        });
    }

    static Stream<Arguments> keySpellings() {
        return Stream.of(
                Arguments.of("lower-case operations", "{'operations':[{'op':'add','path':'title','value':'x'}]}", Op.ADD),
                Arguments.of("upper-case OPERATIONS", "{'OPERATIONS':[{'op':'add','path':'title','value':'x'}]}", Op.ADD),
                Arguments.of("Op, Path, Value", "{'Operations':[{'Op':'replace','Path':'title','Value':'x'}]}", Op.REPLACE),
                Arguments.of("OP, PATH, VALUE", "{'Operations':[{'OP':'replace','PATH':'title','VALUE':'x'}]}", Op.REPLACE));
    }

    static Stream<Arguments> opSpellings() {
        return Stream.of(
                Arguments.of("Entra Add", "{'Operations':[{'op':'Add','path':'title','value':'x'}]}", Op.ADD),
                Arguments.of("OP, PATH, VALUE, REPLACE", "{'Operations':[{'OP':'REPLACE','PATH':'title','VALUE':'x'}]}",
                        Op.REPLACE),
                Arguments.of("mixed-case op", "{'Operations':[{'op':'rEpLaCe','path':'title','value':'x'}]}", Op.REPLACE));
    }

    /** Op names in another case are the edge's to lower-case (compat.EntraCapitalisedOps); this parser reads the RFC's. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("opSpellings")
    void opsInAnotherCaseAreReadAfterTheEdgeRewrite(String name, String body, Op op) {
        assertThatThrownBy(() -> PatchRequest.parse(object(body))).isInstanceOfSatisfying(ScimException.class,
                e -> assertThat(e.scimType()).isEqualTo(ScimType.INVALID_SYNTAX));

        assertThat(PatchRequest.parse(PatchJson.strict(object(body))).operations()).singleElement()
                .satisfies(operation -> assertThat(operation.op()).isEqualTo(op));
    }

    @Test
    void removeMayCarryAValue() {
        PatchRequest request = PatchRequest.parse(body("[{'op':'remove','path':'emails','value':[{'value':'a@x'}]}]"));

        assertThat(request.operations()).singleElement()
                .satisfies(operation -> assertThat(operation.value()).isEqualTo(node("[{'value':'a@x'}]")));
    }

    @Test
    void blankPathOnReplaceIsPathless() {
        PatchRequest request = PatchRequest.parse(body("[{'op':'replace','path':'','value':{'active':false}}]"));

        assertThat(request.operations()).singleElement().satisfies(operation -> assertThat(operation.path()).isNull());
    }

    @Test
    void tooManyOperations() {
        StringBuilder operations = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) {
            operations.append(i == 0 ? "" : ",").append("{'op':'remove','path':'title'}");
        }
        ObjectNode body = body(operations.append(']').toString());

        assertThatThrownBy(() -> PatchRequest.parse(body)).isInstanceOfSatisfying(ScimException.class,
                e -> assertThat(e.scimType()).isEqualTo(ScimType.TOO_MANY));
    }

    @Test
    void parsingLeavesTheBodyAlone() {
        ObjectNode body = body("[{'op':'replace','value':{'id':'x','members':[{'value':'y'}]}}]");
        ObjectNode before = body.deepCopy();

        PatchRequest.parse(body);

        assertThat(body).isEqualTo(before);
    }
}
