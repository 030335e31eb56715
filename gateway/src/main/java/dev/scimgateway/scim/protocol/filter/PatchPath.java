package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits;
import org.jspecify.annotations.Nullable;

/**
 * A PATCH {@code path} (RFC 7644 §3.5.2): {@code attribute}, optionally a {@code valueFilter}
 * selecting elements of it, optionally a {@code subAttribute} of those elements
 * ({@code emails[type eq "work"].value}). {@code attr.sub} without a filter keeps the sub in
 * {@code attribute.subAttribute()}; {@link #subAttribute} is only for the {@code [filter].sub} form.
 *
 * <p>A bare schema URN ({@code urn:...:enterprise:2.0:User}, "the whole extension") is an
 * {@code AttrPath} whose schemaUrn is the URN and whose attribute is the empty string; test it
 * with {@link #isWholeSchema()} rather than by looking at the empty name.
 */
public record PatchPath(AttrPath attribute, @Nullable Filter valueFilter, @Nullable String subAttribute) {

    public static PatchPath of(AttrPath attribute) {
        return new PatchPath(attribute, null, null);
    }

    public static PatchPath wholeSchema(String schemaUrn) {
        return new PatchPath(new AttrPath(schemaUrn, "", null), null, null);
    }

    /** True when the path names a whole schema extension rather than an attribute. */
    public boolean isWholeSchema() {
        return attribute.attribute().isEmpty();
    }

    /**
     * The extension URN when the path names a whole extension: a bare versioned URN
     * ({@code urn:…:enterprise:2.0:User}), or a URN the resource type knows as an extension
     * although it reads as an attribute of a shorter URN; null when it names an attribute.
     */
    public @Nullable String extensionUrn(AttributeTraits traits) {
        if (isWholeSchema()) {
            return attribute.schemaUrn();
        }
        if (attribute.schemaUrn() != null && attribute.subAttribute() == null && valueFilter == null) {
            String urn = attribute.schemaUrn() + ":" + attribute.attribute();
            return traits.isExtensionSchema(urn) ? urn : null;
        }
        return null;
    }

    /** The path as SCIM writes it. */
    @Override
    public String toString() {
        if (isWholeSchema()) {
            return String.valueOf(attribute.schemaUrn());
        }
        String filter = valueFilter == null ? "" : "[" + FilterPrinter.print(valueFilter) + "]";
        String sub = subAttribute == null ? "" : "." + subAttribute;
        return attribute + filter + sub;
    }
}
