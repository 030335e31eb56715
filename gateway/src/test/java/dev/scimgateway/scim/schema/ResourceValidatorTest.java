package dev.scimgateway.scim.schema;

import static dev.scimgateway.scim.schema.Json.node;
import static dev.scimgateway.scim.schema.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.ScimType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class ResourceValidatorTest {

    private static final ResourceValidator USERS = ResourceValidator.of(ResourceTypes.USER);
    private static final ResourceValidator GROUPS = ResourceValidator.of(ResourceTypes.GROUP);
    private static final String CORE = "'schemas':['urn:ietf:params:scim:schemas:core:2.0:User']";
    private static final String CORE_AND_ENTERPRISE = "'schemas':['urn:ietf:params:scim:schemas:core:2.0:User',"
            + "'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']";
    private static final String GROUP = "'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group']";
    private static final String U1 = "0b6f0a3e-54a1-4c43-8d2a-6a5b1b1e0001";
    private static final String U2 = "0b6f0a3e-54a1-4c43-8d2a-6a5b1b1e0002";

    static Stream<Arguments> validUsers() {
        return Stream.of(
                Arguments.of("names normalized to canonical case",
                        "{'UserName':'a','NAME':{'GivenName':'Ann'},'Emails':[{'VALUE':'a@x','Primary':true}]}",
                        "{" + CORE + ",'userName':'a','name':{'givenName':'Ann'},'emails':[{'value':'a@x','primary':true}]}"),
                Arguments.of("absent schemas is added",
                        "{'userName':'a'}",
                        "{" + CORE + ",'userName':'a'}"),
                Arguments.of("readOnly and unknown attributes dropped, password checked and dropped",
                        "{" + CORE + ",'id':'x','meta':{'resourceType':'User'},'groups':[{'value':'g'}],"
                                + "'userName':'a','password':'secret','shoeSize':44}",
                        "{" + CORE + ",'userName':'a'}"),
                Arguments.of("nulls and empty arrays dropped",
                        "{" + CORE + ",'userName':'a','displayName':null,'roles':[],'name':{'givenName':null}}",
                        "{" + CORE + ",'userName':'a'}"),
                Arguments.of("single object for a plural attribute is wrapped",
                        "{" + CORE + ",'userName':'a','emails':{'value':'a@x'}}",
                        "{" + CORE + ",'userName':'a','emails':[{'value':'a@x'}]}"),
                Arguments.of("extension object adds its URN; manager.displayName is readOnly",
                        "{" + CORE + ",'userName':'a','urn:ietf:params:scim:schemas:extension:enterprise:2.0:User':"
                                + "{'EmployeeNumber':'7','manager':{'value':'m','displayName':'Boss'}}}",
                        "{" + CORE_AND_ENTERPRISE + ",'userName':'a','urn:ietf:params:scim:schemas:extension:"
                                + "enterprise:2.0:User':{'employeeNumber':'7','manager':{'value':'m'}}}"),
                Arguments.of("listed extension without attributes is dropped from schemas",
                        "{" + CORE_AND_ENTERPRISE + ",'userName':'a'}",
                        "{" + CORE + ",'userName':'a'}"),
                Arguments.of("URN-qualified attribute key",
                        "{" + CORE + ",'userName':'a','urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:"
                                + "employeeNumber':'7'}",
                        "{" + CORE_AND_ENTERPRISE + ",'userName':'a','urn:ietf:params:scim:schemas:extension:"
                                + "enterprise:2.0:User':{'employeeNumber':'7'}}"),
                Arguments.of("typed values accepted",
                        "{" + CORE + ",'userName':'a','profileUrl':'https://x/p','x509Certificates':[{'value':'TUlJ'}],"
                                + "'employeeNumber':1}",
                        "{" + CORE + ",'userName':'a','profileUrl':'https://x/p','x509Certificates':[{'value':'TUlJ'}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validUsers")
    void normalizesValidUsers(String name, String input, String expected) {
        ObjectNode body = object(input);
        ObjectNode before = body.deepCopy();
        assertThat(USERS.validate(body)).isEqualTo(object(expected));
        assertThat(body).as("input untouched").isEqualTo(before);
    }

    static Stream<Arguments> invalidUsers() {
        return Stream.of(
                Arguments.of("{" + CORE + ",'userName':'a','active':'yes'}", ScimType.INVALID_VALUE,
                        "Attribute 'active' must be a boolean, got \"yes\""),
                // Client quirks are rewritten at the edge (compat.ClientQuirks); here they are what the RFC says.
                Arguments.of("{" + CORE + ",'userName':'a','active':'False'}", ScimType.INVALID_VALUE,
                        "Attribute 'active' must be a boolean, got \"False\""),
                Arguments.of("{'schemas':['urn:scim:schemas:core:2.0'],'userName':'a'}", ScimType.INVALID_VALUE,
                        "Attribute 'schemas' must contain 'urn:ietf:params:scim:schemas:core:2.0:User'"),
                Arguments.of("{" + CORE + ",'userName':'  '}", ScimType.INVALID_VALUE,
                        "Attribute 'userName' is required and must not be blank"),
                Arguments.of("{" + CORE + "}", ScimType.INVALID_VALUE, "Attribute 'userName' is required"),
                Arguments.of("{" + CORE + ",'userName':true}", ScimType.INVALID_VALUE,
                        "Attribute 'userName' must be a string, got true"),
                Arguments.of("{" + CORE + ",'userName':'" + "\u00e9".repeat(513) + "'}", ScimType.INVALID_VALUE,
                        "Attribute 'userName' is 513 characters long; it is indexed for lookups and may be at most 512"),
                Arguments.of("{" + CORE + ",'userName':'a','password':12.5}", ScimType.INVALID_VALUE,
                        "Attribute 'password' must be a string"),
                Arguments.of("{" + CORE + ",'userName':'a','name':{'givenName':'A\\u0000nn'}}", ScimType.INVALID_VALUE,
                        "Attribute 'name.givenName' contains a NUL character (\\u0000), which cannot be stored"),
                Arguments.of("{" + CORE + ",'userName':'a','name':'Ann'}", ScimType.INVALID_VALUE,
                        "Attribute 'name' must be a complex object, got \"Ann\""),
                Arguments.of("{" + CORE + ",'userName':'a','displayName':['x']}", ScimType.INVALID_VALUE,
                        "Attribute 'displayName' must be a single value"),
                Arguments.of("{" + CORE + ",'userName':'a','emails':[{'value':'a','primary':true},"
                        + "{'value':'b','primary':true}]}", ScimType.INVALID_VALUE,
                        "Attribute 'emails' has 2 values with \"primary\": true"),
                Arguments.of("{" + CORE + ",'userName':'a','emails':[{'value':'a','primary':'sure'}]}",
                        ScimType.INVALID_VALUE, "Attribute 'emails.primary' must be a boolean"),
                Arguments.of("{" + CORE + ",'userName':'a','profileUrl':'not a uri'}", ScimType.INVALID_VALUE,
                        "Attribute 'profileUrl' must be a reference (URI)"),
                Arguments.of("{" + CORE + ",'userName':'a','x509Certificates':[{'value':'***'}]}",
                        ScimType.INVALID_VALUE, "Attribute 'x509Certificates.value' must be base64-encoded binary"),
                Arguments.of("{" + CORE + ",'userName':'a','urn:example:custom:2.0:User':{'x':1}}",
                        ScimType.INVALID_VALUE, "extension schema 'urn:example:custom:2.0:User' is not registered for User"),
                Arguments.of("{" + CORE + ",'userName':'a','urn:ietf:params:scim:schemas:extension:enterprise:2.0:User':"
                        + "{'manager':{'value':5.5}}}", ScimType.INVALID_VALUE,
                        "Attribute 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value' must be a string"),
                Arguments.of("{'schemas':'urn:ietf:params:scim:schemas:core:2.0:User','userName':'a'}",
                        ScimType.INVALID_SYNTAX, "Attribute 'schemas' must be an array"),
                Arguments.of("{'schemas':[1],'userName':'a'}", ScimType.INVALID_SYNTAX,
                        "Attribute 'schemas' must contain only strings"),
                Arguments.of("{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'userName':'a'}",
                        ScimType.INVALID_VALUE,
                        "Attribute 'schemas' must contain 'urn:ietf:params:scim:schemas:core:2.0:User'"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalidUsers")
    void rejectsInvalidUsers(String input, ScimType type, String message) {
        assertThatThrownBy(() -> USERS.validate(object(input)))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo(type);
                    assertThat(e.detail()).contains(message);
                });
    }

    @Test
    void acceptsEntraGroupCreate() {
        ObjectNode body = object("{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group',"
                + "'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],"
                + "'externalId':'e1','displayName':'Sales','meta':{'resourceType':'Group'},"
                + "'members':[{'value':'" + U1 + "','$ref':null},{'value':'" + U2 + "','type':'user','display':'Bob'}]}");
        assertThat(GROUPS.validate(body)).isEqualTo(object("{" + GROUP + ",'externalId':'e1','displayName':'Sales',"
                + "'members':[{'value':'" + U1 + "'},{'value':'" + U2 + "','type':'User','display':'Bob'}]}"));
    }

    static Stream<Arguments> invalidGroups() {
        return Stream.of(
                Arguments.of("{" + GROUP + "}", "Attribute 'displayName' is required"),
                Arguments.of("{" + GROUP + ",'displayName':'g','members':[{'display':'x'}]}",
                        "Attribute 'members.value' is required in every member"),
                Arguments.of("{" + GROUP + ",'displayName':'g','members':[{'value':true}]}",
                        "Attribute 'members.value' must be a string, got true"),
                Arguments.of("{" + GROUP + ",'displayName':'g','members':[{'value':''}]}",
                        "Attribute 'members.value' is required in every member"),
                Arguments.of("{" + GROUP + ",'displayName':'g','members':[{'value':'" + U1 + "','type':'Device'}]}",
                        "Attribute 'members.type' must be \"User\" or \"Group\""),
                Arguments.of("{" + GROUP + ",'displayName':'g','urn:ietf:params:scim:schemas:extension:enterprise:2.0:User':{}}",
                        "is not registered for Group"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidGroups")
    void rejectsInvalidGroups(String input, String message) {
        assertThatThrownBy(() -> GROUPS.validate(object(input)))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.scimType()).isEqualTo(ScimType.INVALID_VALUE);
                    assertThat(e.detail()).contains(message);
                });
    }

    @Test
    void normalizesSingleValuesForPatch() {
        assertThat(USERS.normalizeValue(AttrPath.of("ACTIVE"), node("false"))).isEqualTo(node("false"));
        assertThat(USERS.normalizeValue(AttrPath.of("emails"), node("{'Value':'a@x','type':'work'}")))
                .isEqualTo(node("[{'value':'a@x','type':'work'}]"));
        assertThat(USERS.normalizeValue(AttrPath.of("name", "givenName"), node("'Ann'"))).isEqualTo(node("'Ann'"));
        assertThat(USERS.normalizeValue(new AttrPath(CoreSchemas.ENTERPRISE_USER_URN, "manager", null),
                node("{'value':'m'}"))).isEqualTo(node("{'value':'m'}"));
        assertThat(USERS.normalizeValue(AttrPath.of("displayName"), node("null")).isNull()).isTrue();
        assertThat(GROUPS.normalizeValue(AttrPath.of("members"), node("[]"))).isEqualTo(node("[]"));
    }

    @Test
    void rejectsBadPatchValues() {
        assertThatThrownBy(() -> USERS.normalizeValue(AttrPath.of("active"), node("'nope'")))
                .isInstanceOfSatisfying(ScimException.class,
                        e -> assertThat(e.detail()).isEqualTo("Attribute 'active' must be a boolean, got \"nope\""));
        assertThatThrownBy(() -> USERS.normalizeValue(AttrPath.of("shoeSize"), node("1")))
                .isInstanceOfSatisfying(ScimException.class,
                        e -> assertThat(e.scimType()).isEqualTo(ScimType.INVALID_PATH));
        assertThatThrownBy(() -> GROUPS.normalizeValue(AttrPath.of("members"), node("[{'display':'x'}]")))
                .isInstanceOfSatisfying(ScimException.class,
                        e -> assertThat(e.detail()).contains("members.value"));
    }
}
