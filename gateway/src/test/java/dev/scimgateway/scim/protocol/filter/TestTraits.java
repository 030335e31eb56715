package dev.scimgateway.scim.protocol.filter;

import static dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind.*;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A hand-written slice of the core User schema plus the enterprise extension, keyed by {@link AttrPath#key()}. */
final class TestTraits implements AttributeTraits {

    private record Trait(AttributeKind kind, boolean caseExact, boolean multiValued) {
    }

    private final Map<String, Trait> traits = new HashMap<>();

    static TestTraits user() {
        return new TestTraits()
                .add("id", STRING, true, false)
                .add("userName", STRING, false, false)
                .add("externalId", STRING, true, false)
                .add("displayName", STRING, false, false)
                .add("active", BOOLEAN, false, false)
                .add("age", INTEGER, false, false)
                .add("score", DECIMAL, false, false)
                .add("photo", BINARY, true, false)
                .add("profileUrl", REFERENCE, true, false)
                .add("name", COMPLEX, false, false)
                .add("name.givenName", STRING, false, false)
                .add("name.familyName", STRING, false, false)
                .add("emails", COMPLEX, false, true)
                .add("emails.value", STRING, false, true)
                .add("emails.type", STRING, false, true)
                .add("emails.primary", BOOLEAN, false, true)
                .add("members", COMPLEX, false, true)
                .add("members.value", STRING, true, true)
                .add("members.$ref", REFERENCE, true, true)
                .add("tags", STRING, true, true)
                .add("meta", COMPLEX, false, false)
                .add("meta.lastModified", DATE_TIME, false, false)
                .add("meta.resourceType", STRING, true, false)
                .add("employeeNumber", STRING, true, false)
                .add("manager", COMPLEX, false, false)
                .add("manager.value", STRING, true, false);
    }

    TestTraits add(String key, AttributeKind kind, boolean caseExact, boolean multiValued) {
        traits.put(key.toLowerCase(java.util.Locale.ROOT), new Trait(kind, caseExact, multiValued));
        return this;
    }

    @Override
    public Optional<AttributeKind> kind(AttrPath path) {
        return Optional.ofNullable(traits.get(path.key())).map(Trait::kind);
    }

    @Override
    public boolean caseExact(AttrPath path) {
        Trait t = traits.get(path.key());
        return t != null && t.caseExact();
    }

    @Override
    public boolean multiValued(AttrPath path) {
        Trait t = traits.get(path.key());
        return t != null && t.multiValued();
    }

    @Override
    public Optional<AttrPath> canonicalPath(AttrPath path) {
        return traits.containsKey(path.key()) ? Optional.of(path) : Optional.empty();
    }

    @Override
    public boolean readOnly(AttrPath path) {
        return "id".equals(path.key());
    }

    @Override
    public boolean isExtensionSchema(String urn) {
        return urn.endsWith(":enterprise:2.0:User");
    }
}
