package dev.scimgateway.scim.web;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Says what is wrong with a body that is not JSON, and where, in words meant for the client.
 * Jackson's messages also speak to the programmer: they name parser features and constraint
 * methods to enable, and the parser's input source; those parts are cut, the rest is kept.
 */
public final class JsonSyntaxErrors {

    /** "(start marker at [Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 1])". */
    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[[^\\]]*\\]\\)");
    /** "(500, from `StreamReadConstraints.getMaxNestingDepth()`)" keeps the 500. */
    private static final Pattern CONSTRAINT_SOURCE = Pattern.compile(",\\s*from `[^`]*`");
    /** ": enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow". */
    private static final Pattern ENABLE_FEATURE = Pattern.compile(":?\\s*enable `[^`]*` to allow");
    /** "(not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)". */
    private static final Pattern FEATURE_NOT_ENABLED = Pattern.compile("\\s*\\([^()]*Feature '[^']*' not enabled[^()]*\\)");
    /** Any other clause that quotes a class member in backticks, as Jackson does: "`Type.member`". */
    private static final Pattern CODE = Pattern.compile("\\s*\\(?[^(),;:`]*`[A-Z]\\w*\\.[\\w.()]+`[^(),;`]*\\)?");

    private JsonSyntaxErrors() {}

    /** For example: "The body is not valid JSON: Unexpected end-of-input (line 1, column 10)". */
    public static String describe(String what, JacksonException e) {
        return what + " is not valid JSON: " + reason(e) + where(e.getLocation());
    }

    /** " (line L, column C)", or nothing when the parser does not know. */
    public static String where(@Nullable TokenStreamLocation location) {
        return location == null || location == TokenStreamLocation.NA || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String reason(JacksonException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        message = START_MARKER.matcher(message).replaceAll("");
        message = CONSTRAINT_SOURCE.matcher(message).replaceAll("");
        message = ENABLE_FEATURE.matcher(message).replaceAll("");
        message = FEATURE_NOT_ENABLED.matcher(message).replaceAll("");
        message = CODE.matcher(message).replaceAll("").trim();
        if (message.isEmpty()) {
            return e instanceof StreamConstraintsException ? "it exceeds a size or nesting limit" : "it cannot be parsed";
        }
        return message;
    }
}
