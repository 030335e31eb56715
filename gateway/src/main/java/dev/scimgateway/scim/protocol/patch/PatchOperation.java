package dev.scimgateway.scim.protocol.patch;

import dev.scimgateway.scim.protocol.filter.PatchPath;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One operation of a PATCH request (RFC 7644 §3.5.2). */
public record PatchOperation(Op op, @Nullable PatchPath path, @Nullable JsonNode value) {

    public enum Op {
        ADD, REMOVE, REPLACE;

        /** The op names of RFC 7644 §3.5.2; Entra's capitalised ones are lower-cased at the edge. */
        static @Nullable Op fromWire(String name) {
            return switch (name) {
                case "add" -> ADD;
                case "remove" -> REMOVE;
                case "replace" -> REPLACE;
                default -> null;
            };
        }
    }
}
