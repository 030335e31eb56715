package dev.scimgateway.scim.schema;

import static dev.scimgateway.scim.schema.AttributeBuilder.binary;
import static dev.scimgateway.scim.schema.AttributeBuilder.bool;
import static dev.scimgateway.scim.schema.AttributeBuilder.complex;
import static dev.scimgateway.scim.schema.AttributeBuilder.dateTime;
import static dev.scimgateway.scim.schema.AttributeBuilder.reference;
import static dev.scimgateway.scim.schema.AttributeBuilder.string;

import java.util.List;

/**
 * The schemas of RFC 7643: User (§4.1, characteristics of §8.7.1), Enterprise User (§4.3) and
 * Group (§4.2), plus the common attributes of §3.1 that every resource carries but no schema
 * document lists.
 */
public final class CoreSchemas {

    public static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_USER_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";

    /** {@code id}, {@code externalId} and {@code meta} (RFC 7643 §3.1). */
    public static final List<AttributeDefinition> COMMON_ATTRIBUTES = List.of(
            string("id", "Unique identifier for the resource, assigned by the service provider.")
                    .caseExact().mutability(Mutability.READ_ONLY).returned(Returned.ALWAYS)
                    .uniqueness(Uniqueness.SERVER).build(),
            string("externalId", "Identifier of the resource as defined by the provisioning client.")
                    .caseExact().build(),
            complex("meta", "Resource metadata maintained by the service provider.",
                    string("resourceType", "The name of the resource type of the resource.").caseExact(),
                    dateTime("created", "When the resource was added to the service provider."),
                    dateTime("lastModified", "When the resource was last updated."),
                    reference("location", "The URI of the resource.", "uri"),
                    string("version", "The version (ETag) of the resource.").caseExact())
                    .deepMutability(Mutability.READ_ONLY).build());

    public static final SchemaDefinition USER = new SchemaDefinition(USER_URN, "User", "User Account", List.of(
            string("userName", "Unique identifier for the User, typically used to authenticate to the "
                    + "service provider. REQUIRED.").required().uniqueness(Uniqueness.SERVER).build(),
            complex("name", "The components of the user's real name.",
                    string("formatted", "The full name, formatted for display."),
                    string("familyName", "The family name of the User."),
                    string("givenName", "The given name of the User."),
                    string("middleName", "The middle name(s) of the User."),
                    string("honorificPrefix", "The honorific prefix(es) of the User."),
                    string("honorificSuffix", "The honorific suffix(es) of the User.")).build(),
            string("displayName", "The name of the User, suitable for display to end-users.").build(),
            string("nickName", "The casual way to address the user in real life.").build(),
            reference("profileUrl", "A fully qualified URL pointing to the User's online profile.", "external").build(),
            string("title", "The user's title, such as \"Vice President\".").build(),
            string("userType", "The relationship between the organization and the user.").build(),
            string("preferredLanguage", "The User's preferred written or spoken language.").build(),
            string("locale", "The User's default location for localisation.").build(),
            string("timezone", "The User's time zone in the IANA Time Zone database format.").build(),
            bool("active", "The User's administrative status.").build(),
            string("password", "The User's cleartext password, only ever written.")
                    .mutability(Mutability.WRITE_ONLY).returned(Returned.NEVER).build(),
            plural("emails", "Email addresses for the user.", string("value", "Email address for the user."),
                    "work", "home", "other"),
            plural("phoneNumbers", "Phone numbers for the User.", string("value", "Phone number of the User."),
                    "work", "home", "mobile", "fax", "pager", "other"),
            plural("ims", "Instant messaging addresses for the User.",
                    string("value", "Instant messaging address for the User."),
                    "aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"),
            plural("photos", "URLs of photos of the User.",
                    reference("value", "URL of a photo of the User.", "external"), "photo", "thumbnail"),
            addresses(),
            complex("groups", "The groups to which the user belongs, maintained by the service provider.",
                    string("value", "The identifier of the User's group."),
                    reference("$ref", "The URI of the corresponding Group resource.", "User", "Group"),
                    string("display", "A human-readable name, primarily used for display purposes."),
                    string("type", "How the membership came about.").canonicalValues("direct", "indirect"))
                    .multiValued().deepMutability(Mutability.READ_ONLY).build(),
            plural("entitlements", "Entitlements of the User.", string("value", "The value of an entitlement.")),
            plural("roles", "Roles of the User.", string("value", "The value of a role.")),
            plural("x509Certificates", "X.509 certificates issued to the User.",
                    binary("value", "The value of an X.509 certificate (DER, base64)."))));

    public static final SchemaDefinition ENTERPRISE_USER = new SchemaDefinition(ENTERPRISE_USER_URN,
            "EnterpriseUser", "Enterprise User", List.of(
            string("employeeNumber", "Numeric or alphanumeric identifier assigned to a person by the organization.").build(),
            string("costCenter", "Identifies the name of a cost center.").build(),
            string("organization", "Identifies the name of an organization.").build(),
            string("division", "Identifies the name of a division.").build(),
            string("department", "Identifies the name of a department.").build(),
            complex("manager", "The User's manager.",
                    string("value", "The id of the SCIM resource representing the User's manager."),
                    reference("$ref", "The URI of the SCIM resource representing the User's manager.", "User"),
                    string("displayName", "The displayName of the User's manager.")
                            .mutability(Mutability.READ_ONLY)).build()));

    /**
     * Group displayName is required as RFC 7643 §4.2 says (the §8.7.1 listing says otherwise;
     * a nameless group is useless to every client we serve). {@code members.display} is not in
     * §8.7.1 but Okta and Entra send it, so it is accepted rather than silently dropped.
     */
    public static final SchemaDefinition GROUP = new SchemaDefinition(GROUP_URN, "Group", "Group", List.of(
            string("displayName", "A human-readable name for the Group. REQUIRED.").required().build(),
            complex("members", "A list of members of the Group.",
                    string("value", "Identifier of the member of this Group.").mutability(Mutability.IMMUTABLE),
                    reference("$ref", "The URI corresponding to a SCIM resource that is a member of this Group.",
                            "User", "Group").mutability(Mutability.IMMUTABLE),
                    string("display", "A human-readable name of the member.").mutability(Mutability.IMMUTABLE),
                    string("type", "A label indicating the type of resource, e.g. 'User' or 'Group'.")
                            .canonicalValues("User", "Group").mutability(Mutability.IMMUTABLE))
                    .multiValued().build()));

    private CoreSchemas() {
    }

    /** The value/display/type/primary shape shared by the User's multi-valued attributes (§2.4). */
    private static AttributeDefinition plural(String name, String description, AttributeBuilder value,
            String... types) {
        return complex(name, description,
                value,
                string("display", "A human-readable name, primarily used for display purposes."),
                string("type", "A label indicating the attribute's function.").canonicalValues(types),
                bool("primary", "Whether this is the primary value of the attribute."))
                .multiValued().build();
    }

    /** Addresses are plural but have address components instead of {@code value} (§4.1.2). */
    private static AttributeDefinition addresses() {
        return complex("addresses", "A physical mailing address for this User.",
                string("formatted", "The full mailing address, formatted for display."),
                string("streetAddress", "The full street address component."),
                string("locality", "The city or locality component."),
                string("region", "The state or region component."),
                string("postalCode", "The zip code or postal code component."),
                string("country", "The country name component (ISO 3166-1 alpha-2)."),
                string("type", "A label indicating the attribute's function.").canonicalValues("work", "home", "other"),
                bool("primary", "Whether this is the primary mailing address."))
                .multiValued().build();
    }
}
