package dev.scimgateway.scim.protocol.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.scimgateway.scim.schema.ResourceTypes;
import dev.scimgateway.scim.schema.ResourceValidator;
import dev.scimgateway.scim.schema.SchemaRegistry;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the edge makes of what clients send: the strict RFC form the protocol code reads. Each
 * row is one quirk of client-wire-notes.md, or a strict request the rewrite must leave alone;
 * that the strict code refuses the quirky form is tested next to it (FilterParserTest,
 * PatchEngineTest, PatchRequestTest, ResourceValidatorTest, SchemaRegistryTest, ProjectionTest).
 * In the tables {@code '} stands for {@code "} and a backtick for an escaped {@code \"}.
 */
class ClientQuirksTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ID = "2819c223-7f76-453a-919d-413861904646";
    private static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String ONELOGIN_CORE = "urn:scim:schemas:core:2.0";
    private static final String ONELOGIN_ENT = "urn:scim:schemas:extension:enterprise:2.0";

    private static ObjectNode object(String text) {
        return (ObjectNode) JSON.readTree(text.replace("`", "\\\"").replace('\'', '"'));
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                // Microsoft's reference collection: values without quotes
                arguments("userName sw O", "userName sw \"O\""),
                arguments("meta.Created gt 2015-10-10T14:38:21.8617979-07:00",
                        "meta.Created gt \"2015-10-10T14:38:21.8617979-07:00\""),
                arguments("name.FamilyName eq Employee and (emails.Value co example.com)",
                        "name.FamilyName eq \"Employee\" and (emails.Value co \"example.com\")"),
                arguments("emails[type eq work].value eq ann@example.com",
                        "emails[type eq \"work\"].value eq \"ann@example.com\""),
                arguments("userName eq jane+scim@example.com", "userName eq \"jane+scim@example.com\""),
                // OneLogin: pre-standard URNs in attribute paths
                arguments(ONELOGIN_CORE + ":userName eq \"kate\"", CORE + ":userName eq \"kate\""),
                arguments("URN:SCIM:schemas:extension:enterprise:2.0:employeeNumber eq 42", ENT + ":employeeNumber eq 42"),
                // strict filters stay as they are, and so does what the strict parser must refuse
                arguments("userName eq \"O\"", "userName eq \"O\""),
                arguments("active eq true and title eq null or age gt -0.5", "active eq true and title eq null or age gt -0.5"),
                arguments("active eq False", "active eq False"),
                arguments("displayName eq \"" + ONELOGIN_CORE + ":x\"", "displayName eq \"" + ONELOGIN_CORE + ":x\""),
                arguments("x eq \"a b\" or y eq \"c\\\"d e\"", "x eq \"a b\" or y eq \"c\\\"d e\""),
                arguments("emails[type eq \"work\"].value pr", "emails[type eq \"work\"].value pr"),
                arguments("userName eq 12abc", "userName eq 12abc"),
                arguments("userName eq truex", "userName eq truex"),
                arguments("age eq 1and title pr", "age eq 1and title pr"),
                arguments("userName eq a(b", "userName eq a(b"),
                arguments("userName eq", "userName eq"),
                arguments("userName eq \"unclosed", "userName eq \"unclosed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void rewritesFilters(String filter, String strict) {
        assertThat(ClientQuirks.parameter("filter", filter)).isEqualTo(strict);
    }

    @Test
    void rewritesAttributeListsAndSortBy() {
        // Microsoft's reference collection: a value filter inside attributes
        assertThat(ClientQuirks.parameter("attributes", "emails[type eq \"work\"]")).isEqualTo("emails");
        assertThat(ClientQuirks.parameter("excludedAttributes", "userName, " + ONELOGIN_ENT + ":employeeNumber"))
                .isEqualTo("userName," + ENT + ":employeeNumber");
        assertThat(ClientQuirks.parameter("sortBy", ONELOGIN_CORE + ":name.familyName"))
                .isEqualTo(CORE + ":name.familyName");
        assertThat(ClientQuirks.parameter("count", "emails[x]")).isEqualTo("emails[x]");
        assertThat(ClientQuirks.parameter("attributes", null)).isNull();
    }

    @Test
    void rewritesSchemaIds() {
        assertThat(ClientQuirks.schemaId(ONELOGIN_ENT)).isEqualTo(ENT);
        assertThat(ClientQuirks.schemaId(CORE)).isEqualTo(CORE);
    }

    static Stream<Arguments> resources() {
        return Stream.of(
                arguments("OneLogin create",
                        "{'schemas':['" + ONELOGIN_CORE + "','" + ONELOGIN_ENT + "'],'userName':'a','"
                                + ONELOGIN_ENT + "':{'department':'Sales'}}",
                        "{'schemas':['" + CORE + "','" + ENT + "'],'userName':'a','" + ENT + "':{'department':'Sales'}}"),
                arguments("OneLogin URN-qualified attribute",
                        "{'userName':'a','" + ONELOGIN_ENT + ":department':'Sales','" + ONELOGIN_CORE + ":title':'T'}",
                        "{'userName':'a','" + ENT + ":department':'Sales','" + CORE + ":title':'T'}"),
                arguments("OneLogin and standard object of one extension merge",
                        "{'" + ONELOGIN_ENT + "':{'department':'Sales','division':'D'},'" + ENT + "':{'department':'Ops'}}",
                        "{'" + ENT + "':{'department':'Ops','division':'D'}}"),
                arguments("Entra string booleans, where the schema says boolean",
                        "{'userName':'a','active':'True','emails':[{'value':'a@x','primary':' FALSE '}],"
                                + "'displayName':'False','nickName':'true'}",
                        "{'userName':'a','active':true,'emails':[{'value':'a@x','primary':false}],"
                                + "'displayName':'False','nickName':'true'}"),
                arguments("string booleans in a lone element, the core object and a qualified key",
                        "{'emails':{'value':'a@x','primary':'true'},'" + CORE + "':{'active':'false'},'"
                                + CORE + ":active':'TRUE'}",
                        "{'emails':{'value':'a@x','primary':true},'" + CORE + "':{'active':false},'" + CORE + ":active':true}"),
                arguments("what is no string boolean stays for validation to judge",
                        "{'active':'yes','shoeSize':'True','name':{'givenName':'True'},'emails':[{'primary':1}]}",
                        "{'active':'yes','shoeSize':'True','name':{'givenName':'True'},'emails':[{'primary':1}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resources")
    void rewritesResources(String name, String body, String strict) {
        assertThat(ClientQuirks.body("POST", object(body), SchemaRegistry.USER, null)).isEqualTo(object(strict));
        assertThat(ClientQuirks.body("PUT", object(body), SchemaRegistry.USER, ID)).isEqualTo(object(strict));
    }

    @Test
    void validationReadsTheRewrittenResourceAsTheStandardOne() {
        ResourceValidator users = ResourceValidator.of(ResourceTypes.USER);
        ObjectNode oneLogin = object("{'schemas':['" + ONELOGIN_CORE + "','" + ONELOGIN_ENT + "'],"
                + "'userName':'a','active':'False','" + ONELOGIN_ENT + "':{'department':'Sales'}}");

        assertThat(users.validate(ClientQuirks.body("POST", oneLogin, SchemaRegistry.USER, null))).isEqualTo(object(
                "{'schemas':['" + CORE + "','" + ENT + "'],'userName':'a','active':false,'" + ENT + "':{'department':'Sales'}}"));
    }

    static Stream<Arguments> patches() {
        return Stream.of(
                // Entra: capitalised ops and string booleans
                arguments("[{'op':'Replace','path':'active','value':'False'}]",
                        "[{'op':'replace','path':'active','value':false}]"),
                arguments("[{'Op':'ADD','Path':'active','Value':'true'}]", "[{'Op':'add','Path':'active','Value':true}]"),
                arguments("[{'op':'Replace','value':{'active':'True','displayName':'True'}}]",
                        "[{'op':'replace','value':{'active':true,'displayName':'True'}}]"),
                arguments("[{'op':'Replace','path':'emails[type eq `home`]','value':{'primary':'True'}}]",
                        "[{'op':'replace','path':'emails[type eq `home`]','value':{'primary':true}}]"),
                arguments("[{'op':'replace','path':'emails[type eq `home`].primary','value':'true'}]",
                        "[{'op':'replace','path':'emails[type eq `home`].primary','value':true}]"),
                // Entra: its Replace of a filtered sub-attribute means add (set, or add the value the filter names)
                arguments("[{'op':'Replace','path':'emails[type eq `work`].value','value':'a@x'}]",
                        "[{'op':'add','path':'emails[type eq `work`].value','value':'a@x'}]"),
                arguments("[{'op':'Replace','path':'addresses[type eq work].streetAddress','value':'1 Main St'}]",
                        "[{'op':'add','path':'addresses[type eq `work`].streetAddress','value':'1 Main St'}]"),
                arguments("[{'op':'replace','path':'emails[type eq `work`].value','value':'a@x'}]",
                        "[{'op':'replace','path':'emails[type eq `work`].value','value':'a@x'}]"),
                arguments("[{'op':'add','path':'emails','value':[{'value':'a','primary':'True'}]}]",
                        "[{'op':'add','path':'emails','value':[{'value':'a','primary':true}]}]"),
                arguments("[{'op':'replace','path':'emails.primary','value':'False'}]",
                        "[{'op':'replace','path':'emails.primary','value':false}]"),
                // Entra: the manager as a bare id, however the operation reaches it
                arguments("[{'op':'Add','path':'" + ENT + ":manager','value':'m2'}]",
                        "[{'op':'add','path':'" + ENT + ":manager','value':{'value':'m2'}}]"),
                arguments("[{'op':'replace','path':'manager','value':'m2'}]",
                        "[{'op':'replace','path':'manager','value':{'value':'m2'}}]"),
                arguments("[{'op':'replace','path':'" + ENT + "','value':{'manager':'m2'}}]",
                        "[{'op':'replace','path':'" + ENT + "','value':{'manager':{'value':'m2'}}}]"),
                arguments("[{'op':'replace','value':{'" + ENT + "':{'manager':'m2'},'" + ENT + ":manager':'m3'}}]",
                        "[{'op':'replace','value':{'" + ENT + "':{'manager':{'value':'m2'}},'" + ENT
                                + ":manager':{'value':'m3'}}}]"),
                arguments("[{'op':'replace','path':'" + ENT + ":manager.value','value':'m2'}]",
                        "[{'op':'replace','path':'" + ENT + ":manager.value','value':'m2'}]"),
                arguments("[{'op':'remove','path':'" + ENT + ":manager','value':'m2'}]",
                        "[{'op':'remove','path':'" + ENT + ":manager','value':'m2'}]"),
                // Okta: a path-less replace repeating the resource's id
                arguments("[{'op':'replace','value':{'id':'" + ID + "','displayName':'X'}}]",
                        "[{'op':'replace','value':{'displayName':'X'}}]"),
                arguments("[{'op':'replace','value':{'ID':'" + ID.toUpperCase() + "','active':false}}]",
                        "[{'op':'replace','value':{'active':false}}]"),
                arguments("[{'op':'replace','value':{'id':'7f3c0000-0000-0000-0000-000000000000','active':false}}]",
                        "[{'op':'replace','value':{'id':'7f3c0000-0000-0000-0000-000000000000','active':false}}]"),
                arguments("[{'op':'replace','path':'','value':{'id':'" + ID + "'}}]", "[{'op':'replace','path':'','value':{}}]"),
                // OneLogin: URNs in paths and path-less keys
                arguments("[{'op':'replace','path':'" + ONELOGIN_ENT + ":department','value':'X'}]",
                        "[{'op':'replace','path':'" + ENT + ":department','value':'X'}]"),
                arguments("[{'op':'replace','value':{'" + ONELOGIN_ENT + ":department':'X','" + ONELOGIN_CORE + ":active':'False'}}]",
                        "[{'op':'replace','value':{'" + ENT + ":department':'X','" + CORE + ":active':false}}]"),
                // values without quotes in a path's filter
                arguments("[{'op':'Remove','path':'emails[type eq work]'}]", "[{'op':'remove','path':'emails[type eq `work`]'}]"),
                // what is strict, or for the strict parser to refuse, stays
                arguments("[{'op':'Remove','path':'members','value':[{'value':'x'}]}]",
                        "[{'op':'remove','path':'members','value':[{'value':'x'}]}]"),
                arguments("[{'op':'replace','path':'displayName','value':'True'}]",
                        "[{'op':'replace','path':'displayName','value':'True'}]"),
                arguments("[{'op':'replace','path':'emails[type eq','value':'True'}]",
                        "[{'op':'replace','path':'emails[type eq','value':'True'}]"),
                arguments("[{'op':'copy','path':'active','value':'True'},{'op':1},'x']",
                        "[{'op':'copy','path':'active','value':'True'},{'op':1},'x']"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patches")
    void rewritesPatches(String operations, String strict) {
        assertThat(ClientQuirks.body("PATCH", body(operations), SchemaRegistry.USER, ID)).isEqualTo(body(strict));
    }

    @Test
    void leavesOtherBodiesAlone() {
        ObjectNode body = body("[{'op':'Replace','path':'active','value':'False'}]");
        assertThat(ClientQuirks.body("DELETE", body.deepCopy(), SchemaRegistry.USER, ID)).isEqualTo(body);
        assertThat(ClientQuirks.body("PATCH", object("{'Operations':{'op':'Add'}}"), SchemaRegistry.USER, ID))
                .isEqualTo(object("{'Operations':{'op':'Add'}}"));
    }

    private static ObjectNode body(String operations) {
        return object("{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':" + operations + "}");
    }
}
