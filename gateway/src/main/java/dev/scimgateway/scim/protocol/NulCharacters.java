package dev.scimgateway.scim.protocol;

/**
 * U+0000 cannot be stored: PostgreSQL's text and jsonb refuse it, with an error that says nothing
 * about the request. So values and filters that hold one are refused before they reach the store.
 */
public final class NulCharacters {

    private NulCharacters() {
    }

    public static boolean in(String text) {
        return text.indexOf('\0') >= 0;
    }

    /** The error for a value meant for {@code attribute} that holds one. */
    public static ScimException inValueOf(String attribute) {
        return ScimException.invalidValue("Attribute '" + attribute + "' contains a NUL character (\\u0000), which"
                + " cannot be stored; remove it");
    }
}
