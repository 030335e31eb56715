package dev.scimgateway.scim.schema;

import static dev.scimgateway.scim.schema.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.ScimType;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class ProjectionTest {

    private static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String SCHEMAS = "'schemas':['urn:ietf:params:scim:schemas:core:2.0:User','" + ENT + "']";
    private static final ObjectNode USER = object("{" + SCHEMAS + ",'id':'1','externalId':'e',"
            + "'userName':'ann','password':'leaked','name':{'givenName':'Ann','familyName':'Lee'},"
            + "'emails':[{'value':'a@x','type':'work','primary':true},{'value':'b@x','type':'home'}],"
            + "'meta':{'resourceType':'User','version':'W/\\\"1\\\"'},"
            + "'" + ENT + "':{'employeeNumber':'7','manager':{'value':'m','displayName':'Boss'}}}");

    static Stream<Arguments> projections() {
        return Stream.of(
                Arguments.of(null, null, "{" + SCHEMAS + ",'id':'1','externalId':'e','userName':'ann',"
                        + "'name':{'givenName':'Ann','familyName':'Lee'},"
                        + "'emails':[{'value':'a@x','type':'work','primary':true},{'value':'b@x','type':'home'}],"
                        + "'meta':{'resourceType':'User','version':'W/\\\"1\\\"'},"
                        + "'" + ENT + "':{'employeeNumber':'7','manager':{'value':'m','displayName':'Boss'}}}"),
                Arguments.of("userName", null,
                        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'id':'1','userName':'ann'}"),
                Arguments.of("USERNAME, name.givenName , emails.value", null,
                        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'id':'1','userName':'ann',"
                                + "'name':{'givenName':'Ann'},'emails':[{'value':'a@x'},{'value':'b@x'}]}"),
                Arguments.of("password,id", null,
                        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'id':'1'}"),
                Arguments.of(ENT + ":manager.value", null,
                        "{" + SCHEMAS + ",'id':'1','" + ENT + "':{'manager':{'value':'m'}}}"),
                Arguments.of(ENT, null,
                        "{" + SCHEMAS + ",'id':'1','" + ENT + "':{'employeeNumber':'7','manager':{'value':'m','displayName':'Boss'}}}"),
                Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:externalId,shoeSize", null,
                        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'id':'1','externalId':'e'}"),
                Arguments.of(null, "id,emails,name.familyName,meta," + ENT,
                        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'id':'1','externalId':'e',"
                                + "'userName':'ann','name':{'givenName':'Ann'}}"),
                Arguments.of(null, ENT + ":employeeNumber",
                        "{" + SCHEMAS + ",'id':'1','externalId':'e','userName':'ann',"
                                + "'name':{'givenName':'Ann','familyName':'Lee'},"
                                + "'emails':[{'value':'a@x','type':'work','primary':true},{'value':'b@x','type':'home'}],"
                                + "'meta':{'resourceType':'User','version':'W/\\\"1\\\"'},"
                                + "'" + ENT + "':{'manager':{'value':'m','displayName':'Boss'}}}"));
    }

    @ParameterizedTest(name = "attributes={0} excluded={1}")
    @MethodSource("projections")
    void projects(@Nullable String attributes, @Nullable String excluded, String expected) {
        ObjectNode before = USER.deepCopy();
        ObjectNode projected = Projection.project(USER, SchemaRegistry.USER,
                Projection.parseAttributeList(attributes), Projection.parseAttributeList(excluded));
        assertThat(projected).isEqualTo(object(expected));
        assertThat(USER).isEqualTo(before);
    }

    @Test
    void groupMembersCanBeExcluded() {
        ObjectNode group = object("{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'id':'g',"
                + "'displayName':'Sales','members':[{'value':'u1'}]}");
        assertThat(Projection.project(group, SchemaRegistry.GROUP, List.of(), List.of(AttrPath.of("members"))))
                .isEqualTo(object("{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'id':'g',"
                        + "'displayName':'Sales'}"));
    }

    @Test
    void parsesAttributeLists() {
        assertThat(Projection.parseAttributeList(" userName ,name.givenName,,")).containsExactly(
                new AttrPath(null, "userName", null), new AttrPath(null, "name", "givenName"));
        assertThat(Projection.parseAttributeList(ENT + ":manager.$ref")).containsExactly(
                new AttrPath(ENT, "manager", "$ref"));
        assertThat(Projection.parseAttributeList("urn:ietf:params:scim:schemas:core:2.0:User:userName"))
                .containsExactly(new AttrPath("urn:ietf:params:scim:schemas:core:2.0:User", "userName", null));
        assertThat(Projection.parseAttributeList(null)).isEmpty();
        assertThat(Projection.parseAttributeList("  ")).isEmpty();
    }

    @Test
    void rejectsMalformedAttributeNames() {
        // A value filter in the list is the edge's to drop (compat.FilteredAttributeNames); here it is no name.
        for (String bad : List.of("name.given.name", "1abc", "a b", "urn:x:", "emails[type eq \"work\"]")) {
            assertThatThrownBy(() -> Projection.parseAttributeList(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(ScimException.class, e -> {
                        assertThat(e.scimType()).isEqualTo(ScimType.INVALID_VALUE);
                        assertThat(e.detail()).contains("not a valid attribute name");
                    });
        }
    }
}
