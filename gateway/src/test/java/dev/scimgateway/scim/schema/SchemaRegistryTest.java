package dev.scimgateway.scim.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaRegistryTest {

    private static final String CORE = CoreSchemas.USER_URN;
    private static final String ENTERPRISE = CoreSchemas.ENTERPRISE_USER_URN;

    static Stream<Arguments> userLookups() {
        return Stream.of(
                Arguments.of(null, "UserName", null, new AttrPath(null, "userName", null)),
                Arguments.of(CORE, "userName", null, new AttrPath(null, "userName", null)),
                Arguments.of(CORE.toUpperCase(), "USERNAME", null, new AttrPath(null, "userName", null)),
                Arguments.of(null, "NAME", "GIVENNAME", new AttrPath(null, "name", "givenName")),
                Arguments.of(null, "emails", "value", new AttrPath(null, "emails", "value")),
                Arguments.of(null, "id", null, new AttrPath(null, "id", null)),
                Arguments.of(null, "externalid", null, new AttrPath(null, "externalId", null)),
                Arguments.of(null, "meta", "lastmodified", new AttrPath(null, "meta", "lastModified")),
                Arguments.of(ENTERPRISE, "manager", "value", new AttrPath(ENTERPRISE, "manager", "value")),
                Arguments.of(ENTERPRISE, "manager", "$REF", new AttrPath(ENTERPRISE, "manager", "$ref")),
                Arguments.of(null, "employeeNumber", null, new AttrPath(ENTERPRISE, "employeeNumber", null)));
    }

    @ParameterizedTest(name = "{0}:{1}.{2}")
    @MethodSource("userLookups")
    void resolvesUserPaths(@Nullable String urn, String attribute, @Nullable String sub, AttrPath canonical) {
        AttrPath path = new AttrPath(urn, attribute, sub);
        assertThat(SchemaRegistry.USER.find(path)).isPresent();
        AttrPath actual = SchemaRegistry.USER.canonicalName(path).orElseThrow();
        // AttrPath equality ignores case, so compare the spelling too.
        assertThat(actual.toString()).isEqualTo(canonical.toString());
    }

    @Test
    void unknownPathsAreEmpty() {
        assertThat(SchemaRegistry.USER.find(AttrPath.of("shoeSize"))).isEmpty();
        assertThat(SchemaRegistry.USER.find(AttrPath.of("name", "nickname"))).isEmpty();
        assertThat(SchemaRegistry.USER.find(new AttrPath(ENTERPRISE, "userName", null))).isEmpty();
        assertThat(SchemaRegistry.USER.find(new AttrPath("urn:example:unknown", "userName", null))).isEmpty();
        assertThat(SchemaRegistry.GROUP.find(AttrPath.of("userName"))).isEmpty();
        // OneLogin's URNs are rewritten at the edge (compat.OneLoginSchemaUrns); the registry knows the RFC's.
        assertThat(SchemaRegistry.USER.find(new AttrPath("urn:scim:schemas:core:2.0", "userName", null))).isEmpty();
    }

    @Test
    void traitsFollowRfc7643() {
        SchemaRegistry users = SchemaRegistry.USER;
        assertThat(users.caseExact(AttrPath.of("userName"))).isFalse();
        assertThat(users.caseExact(AttrPath.of("id"))).isTrue();
        assertThat(users.caseExact(AttrPath.of("externalId"))).isTrue();
        assertThat(users.caseExact(AttrPath.of("emails", "value"))).isFalse();
        assertThat(users.multiValued(AttrPath.of("emails"))).isTrue();
        assertThat(users.multiValued(AttrPath.of("emails", "value"))).isFalse();
        assertThat(users.kind(AttrPath.of("active"))).contains(AttributeKind.BOOLEAN);
        assertThat(users.kind(AttrPath.of("meta", "created"))).contains(AttributeKind.DATE_TIME);
        assertThat(users.kind(AttrPath.of("nope"))).isEmpty();
        assertThat(SchemaRegistry.GROUP.find(AttrPath.of("members", "value")).orElseThrow().mutability())
                .isEqualTo(Mutability.IMMUTABLE);
        assertThat(SchemaRegistry.GROUP.multiValued(AttrPath.of("members"))).isTrue();
    }

    @Test
    void knowsSchemasByUrnInAnyCase() {
        assertThat(SchemaRegistry.USER.isExtension(ENTERPRISE)).isTrue();
        assertThat(SchemaRegistry.USER.isExtension(ENTERPRISE.toUpperCase())).isTrue();
        assertThat(SchemaRegistry.USER.isExtension("urn:scim:schemas:extension:enterprise:2.0")).isFalse();
        assertThat(SchemaRegistry.USER.isExtension(CORE)).isFalse();
        assertThat(SchemaRegistry.USER.schema(CORE.toLowerCase())).contains(CoreSchemas.USER);
        assertThat(SchemaRegistry.GROUP.isExtension(ENTERPRISE)).isFalse();
    }

    @Test
    void sharesBuiltInRegistries() {
        assertThat(SchemaRegistry.of(ResourceTypes.USER)).isSameAs(SchemaRegistry.USER);
        assertThat(SchemaRegistry.of(ResourceTypes.GROUP)).isSameAs(SchemaRegistry.GROUP);
    }
}
