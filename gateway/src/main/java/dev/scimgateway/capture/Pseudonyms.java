package dev.scimgateway.capture;

import dev.scimgateway.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Consistent pseudonyms for captured traffic: the same input always gives the same pseudonym
 * (a keyed hash, so they cannot be reversed by guessing), so a replay keeps its structure — the
 * userName a filter looks for is the userName that was created. Values that carry structure, not
 * people (ids, schema URNs, types, operations, paths), are kept; passwords are removed.
 */
final class Pseudonyms {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Set<String> STRUCTURAL = Set.of("schemas", "type", "op", "path", "$ref", "resourcetype",
            "locale", "timezone", "preferredlanguage", "usertype", "method", "bulkid", "version");
    private static final List<String> SECRETS = List.of("password");

    private final byte[] key;

    Pseudonyms(byte[] key) {
        this.key = key.clone();
    }

    /** A copy of the body with people's data replaced and passwords removed. */
    JsonNode body(JsonNode body) {
        JsonNode copy = body.deepCopy();
        scrub(copy);
        return copy;
    }

    private void scrub(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                String lower = name.toLowerCase(Locale.ROOT);
                JsonNode value = object.get(name);
                if (SECRETS.contains(lower)) {
                    object.remove(name);
                } else if (value.isString() && !STRUCTURAL.contains(lower)) {
                    object.set(name, StringNode.valueOf(of(value.stringValue())));
                } else if (value.isContainer() && !lower.equals("schemas")) {
                    scrub(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isString()) {
                    array.set(i, StringNode.valueOf(of(value.stringValue())));
                } else {
                    scrub(value);
                }
            }
        }
    }

    /** The query with every quoted filter value pseudonymised the same way as bodies. */
    String query(Map<String, String> decoded, java.util.function.Function<Map<String, String>, String> encode) {
        Map<String, String> scrubbed = new java.util.LinkedHashMap<>(decoded);
        scrubbed.computeIfPresent("filter", (k, filter) -> {
            Matcher m = QUOTED.matcher(filter);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement("\"" + of(m.group(1)) + "\""));
            }
            m.appendTail(out);
            return out.toString();
        });
        return encode.apply(scrubbed);
    }

    /**
     * The pseudonym of one value. userNames and e-mails match case-insensitively, so the value is
     * folded first; an e-mail stays an e-mail so that validation still passes on replay.
     */
    String of(String value) {
        // Ids, bulkId references and Entra's string booleans carry structure, not people.
        if (UUID.matcher(value).matches() || value.startsWith("bulkId:") || value.equalsIgnoreCase("true")
                || value.equalsIgnoreCase("false")) {
            return value;
        }
        String hash = hash(value.toLowerCase(Locale.ROOT)).substring(0, 12);
        return value.contains("@") ? "u-" + hash + "@pseudonym.invalid" : "p-" + hash;
    }

    private String hash(String value) {
        return HexFormat.of().formatHex(Sha256.hmac(key, value.getBytes(StandardCharsets.UTF_8)));
    }
}
