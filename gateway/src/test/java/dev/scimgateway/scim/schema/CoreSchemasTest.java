package dev.scimgateway.scim.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;
import org.junit.jupiter.api.Test;

class CoreSchemasTest {

    private static AttributeDefinition user(String attribute, String sub) {
        return SchemaRegistry.USER.find(AttrPath.of(attribute, sub)).orElseThrow();
    }

    private static AttributeDefinition user(String attribute) {
        return SchemaRegistry.USER.find(AttrPath.of(attribute)).orElseThrow();
    }

    @Test
    void userNameIsRequiredServerUniqueAndCaseInsensitive() {
        AttributeDefinition userName = user("userName");
        assertThat(userName.required()).isTrue();
        assertThat(userName.caseExact()).isFalse();
        assertThat(userName.uniqueness()).isEqualTo(Uniqueness.SERVER);
    }

    @Test
    void passwordIsWriteOnlyAndNeverReturned() {
        assertThat(user("password").mutability()).isEqualTo(Mutability.WRITE_ONLY);
        assertThat(user("password").returned()).isEqualTo(Returned.NEVER);
    }

    @Test
    void commonAttributes() {
        assertThat(user("id").returned()).isEqualTo(Returned.ALWAYS);
        assertThat(user("id").isReadOnly()).isTrue();
        assertThat(user("id").caseExact()).isTrue();
        assertThat(user("externalId").caseExact()).isTrue();
        assertThat(user("externalId").mutability()).isEqualTo(Mutability.READ_WRITE);
        assertThat(user("meta").subAttributes()).extracting(AttributeDefinition::name)
                .containsExactly("resourceType", "created", "lastModified", "location", "version");
        assertThat(user("meta").subAttributes()).allMatch(AttributeDefinition::isReadOnly);
    }

    @Test
    void groupsAreReadOnlyThroughout() {
        assertThat(user("groups").isReadOnly()).isTrue();
        assertThat(user("groups").subAttributes()).allMatch(AttributeDefinition::isReadOnly);
        assertThat(user("groups", "type").canonicalValues()).containsExactly("direct", "indirect");
    }

    @Test
    void pluralAttributes() {
        assertThat(user("emails").multiValued()).isTrue();
        assertThat(user("emails", "value").caseExact()).isFalse();
        assertThat(user("emails", "type").canonicalValues()).containsExactly("work", "home", "other");
        assertThat(user("emails", "primary").type()).isEqualTo(AttributeKind.BOOLEAN);
        assertThat(user("photos", "value").referenceTypes()).containsExactly("external");
        assertThat(user("x509Certificates", "value").type()).isEqualTo(AttributeKind.BINARY);
        assertThat(user("addresses").subAttributes()).extracting(AttributeDefinition::name)
                .contains("streetAddress", "postalCode", "country", "primary");
    }

    @Test
    void enterpriseManager() {
        AttributeDefinition manager = CoreSchemas.ENTERPRISE_USER.attribute("manager").orElseThrow();
        assertThat(manager.subAttribute("displayName").orElseThrow().isReadOnly()).isTrue();
        assertThat(manager.subAttribute("$ref").orElseThrow().referenceTypes()).containsExactly("User");
        assertThat(manager.subAttribute("value").orElseThrow().mutability()).isEqualTo(Mutability.READ_WRITE);
    }

    @Test
    void groupMembersAreImmutable() {
        AttributeDefinition members = CoreSchemas.GROUP.attribute("members").orElseThrow();
        assertThat(members.mutability()).isEqualTo(Mutability.READ_WRITE);
        assertThat(members.subAttributes()).allMatch(sub -> sub.mutability() == Mutability.IMMUTABLE);
        assertThat(CoreSchemas.GROUP.attribute("displayName").orElseThrow().required()).isTrue();
    }

    @Test
    void userSchemaHasEveryRfcAttribute() {
        assertThat(CoreSchemas.USER.attributes()).extracting(AttributeDefinition::name).containsExactly(
                "userName", "name", "displayName", "nickName", "profileUrl", "title", "userType",
                "preferredLanguage", "locale", "timezone", "active", "password", "emails", "phoneNumbers",
                "ims", "photos", "addresses", "groups", "entitlements", "roles", "x509Certificates");
        assertThat(CoreSchemas.ENTERPRISE_USER.attributes()).extracting(AttributeDefinition::name).containsExactly(
                "employeeNumber", "costCenter", "organization", "division", "department", "manager");
    }
}
