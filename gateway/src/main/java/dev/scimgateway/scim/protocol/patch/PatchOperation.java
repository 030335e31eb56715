package dev.scimgateway.scim.protocol.patch;

import dev.scimgateway.scim.protocol.filter.PatchPath;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One operation of a PATCH request (RFC 7644 §3.5.2). */
public record PatchOperation(Op op, @Nullable PatchPath path, @Nullable JsonNode value) {

    public enum Op {
        ADD, REMOVE, REPLACE;

        /** Entra ID sends {@code Add}, {@code Replace}, {@code Remove}: op names match in any case. */
        static @Nullable Op fromWire(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "add" -> ADD;
                case "remove" -> REMOVE;
                case "replace" -> REPLACE;
                default -> null;
            };
        }
    }
}
